import { Download, Pencil, Plus, Search, Upload } from 'lucide-react';
import { useState } from 'react';
import { Cell, Checkbox, CheckboxGroup, Column, Dialog, Heading, Input, Label, Modal, ModalOverlay, Row, SearchField, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_TYPES, type DirectoryImportResult, type Institution, type InstitutionType } from '../../../../shared/api/schemas/referrals';
import { call } from '../../api/client';
import { codeOf, messageOf } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { useCan } from '../auth/SessionContext';
import { useLookups } from '../cases/useLookups';
import { foldedMatch, useInstitutions } from './common';

const ALL = 'all';

/** The institution directory: everyone may look things up; those with 'directory:write' keep it current. */
export function DirectoryPanel() {
  const { t } = useTranslation();
  const canEdit = useCan('directory:write');
  const directory = useInstitutions(canEdit);
  const services = useLookups('service');
  const [q, setQ] = useState('');
  const [type, setType] = useState<string>(ALL);
  const [editing, setEditing] = useState<Institution | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const exportCsv = async () => {
    setMessage(null);
    try {
      const result = await call('institutions.exportCsv', {});
      const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${t('referrals.directory.csvFile')}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ tone: 'success', text: t('referrals.directory.exportDone', { count: result.rows }) });
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    }
  };

  const rows = directory.items.filter((i) => (type === ALL || i.type === type) && (!q.trim() || foldedMatch(i.name, q)));
  return (
    <div className="directory">
      <div className="filters">
        <SearchField className="field search-field" value={q} onChange={setQ}>
          <Label className="field-label">{t('referrals.directory.search')}</Label>
          <div className="search-input-wrap">
            <Search aria-hidden="true" size={16} className="search-icon" />
            <Input className="field-input search-input" placeholder={t('referrals.directory.searchPlaceholder')} />
          </div>
        </SearchField>
        <Select
          label={t('referrals.directory.type')}
          value={type}
          onChange={setType}
          options={[{ id: ALL, label: t('referrals.filter.all') }, ...INSTITUTION_TYPES.map((x) => ({ id: x, label: t(`referrals.institutionType.${x}`) }))]}
        />
        {canEdit ? (
          <Button variant="primary" className="filters-action" onPress={() => setEditing('new')}>
            <Plus aria-hidden="true" size={16} /> {t('referrals.directory.add')}
          </Button>
        ) : null}
        <Button className="filters-action" onPress={() => void exportCsv()}>
          <Download aria-hidden="true" size={16} /> {t('referrals.directory.exportCsv')}
        </Button>
        {canEdit ? (
          <Button className="filters-action" onPress={() => setImporting(true)}>
            <Upload aria-hidden="true" size={16} /> {t('referrals.directory.importCsv')}
          </Button>
        ) : null}
      </div>
      {directory.error ? <Alert tone="error">{messageOf(t, directory.error)}</Alert> : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <p className="list-count" aria-live="polite">
        {t('referrals.directory.count', { count: rows.length })}
      </p>
      {directory.loaded && rows.length === 0 ? (
        <EmptyState action={canEdit ? <Button onPress={() => setEditing('new')}>{t('referrals.directory.add')}</Button> : undefined}>
          {canEdit ? t('referrals.directory.emptyEditable') : t('referrals.directory.empty')}
        </EmptyState>
      ) : (
        <Table aria-label={t('referrals.directory.title')} className="table directory-table">
          <TableHeader>
            <Column isRowHeader>{t('referrals.directory.name')}</Column>
            <Column>{t('referrals.directory.type')}</Column>
            <Column>{t('referrals.directory.contact')}</Column>
            <Column>{t('referrals.directory.services')}</Column>
            <Column>{canEdit ? t('common.actions') : ''}</Column>
          </TableHeader>
          <TableBody items={rows}>
            {(i) => (
              <Row id={i.id} className={i.active ? '' : 'row-inactive'}>
                <Cell>
                  <strong>{i.name}</strong>
                  {i.active ? null : <span className="tag">{t('referrals.directory.inactive')}</span>}
                  {i.address ? <div className="hint">{i.address}</div> : null}
                </Cell>
                <Cell>{t(`referrals.institutionType.${i.type}`)}</Cell>
                <Cell>
                  {[i.contactPerson, i.phone, i.email].filter(Boolean).join(' · ') || (i.kep ? null : <span className="hint">—</span>)}
                  {i.kep ? <div className="hint">{t('referrals.directory.kep')}: {i.kep}</div> : null}
                </Cell>
                <Cell>{i.services.map(services.labelOf).join(', ')}</Cell>
                <Cell>
                  {canEdit ? (
                    <Button variant="quiet" onPress={() => setEditing(i)} aria-label={t('referrals.directory.editOf', { name: i.name })}>
                      <Pencil aria-hidden="true" size={14} /> {t('common.edit')}
                    </Button>
                  ) : null}
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      )}
      {editing && services.loaded ? (
        <InstitutionDialog
          serviceOptions={services.items}
          key={editing === 'new' ? 'new' : editing.id}
          institution={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            directory.reload();
          }}
        />
      ) : null}
      {importing ? (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(result) => {
            setImporting(false);
            setMessage({ tone: 'success', text: t('referrals.directory.importDone', { created: result.created, updated: result.updated }) });
            directory.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** Picks a CSV file and imports it; a refused file lists its errors by line and changes nothing. */
function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(result: DirectoryImportResult): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ text: string; rows: string[] } | null>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await call('institutions.importCsv', { csv: await file.text() });
      if (result.applied) onImported(result);
      else
        setFailure({
          text: t('referrals.directory.importFailed', { count: result.errors.length }),
          rows: result.errors.map((e) =>
            t('referrals.directory.importRowError', {
              row: e.row,
              column: e.column ? ` · ${t(`referrals.directory.column.${e.column}`, { defaultValue: e.column })}` : '',
              problem: t(`referrals.directory.importError.${e.code}`),
            }),
          ),
        });
    } catch (e) {
      setFailure({ text: messageOf(t, e), rows: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{t('referrals.directory.importTitle')}</Heading>
          <p className="hint">{t('referrals.directory.importIntro')}</p>
          <div className="field">
            <label className="field-label" htmlFor="directory-import-file">
              {t('referrals.directory.importFile')}
            </label>
            <input id="directory-import-file" className="field-input" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          {failure ? (
            <Alert tone="error">
              <p>{failure.text}</p>
              {failure.rows.length ? (
                <ul className="import-errors">
                  {failure.rows.slice(0, 50).map((row, index) => (
                    <li key={index}>{row}</li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void run()} isDisabled={!file || busy}>
              {t('referrals.directory.importRun')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function InstitutionDialog({
  institution,
  serviceOptions,
  onClose,
  onSaved,
}: {
  institution: Institution | null;
  serviceOptions: Array<{ id: string; label: string }>;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const known = new Set(serviceOptions.map((s) => s.id));
  const [form, setForm] = useState({
    name: institution?.name ?? '',
    type: (institution?.type ?? 'other') as InstitutionType,
    address: institution?.address ?? '',
    phone: institution?.phone ?? '',
    email: institution?.email ?? '',
    kep: institution?.kep ?? '',
    contactPerson: institution?.contactPerson ?? '',
    services: (institution?.services ?? []).filter((s) => known.has(s)),
    otherServices: (institution?.services ?? []).filter((s) => !known.has(s)).join('\n'),
    active: institution?.active ?? true,
  });
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const save = async () => {
    setError(null);
    try {
      await call('institutions.upsert', {
        ...(institution ? { id: institution.id, expectedVersion: institution.version } : {}),
        name: form.name,
        type: form.type,
        address: form.address || null,
        phone: form.phone || null,
        email: form.email || null,
        kep: form.kep || null,
        contactPerson: form.contactPerson || null,
        services: [
          ...form.services,
          ...form.otherServices
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        ],
        active: form.active,
      });
      onSaved();
    } catch (e) {
      const fields = (e as { error?: { params?: { fields?: string; field?: string } } }).error?.params;
      const field = fields?.field ?? fields?.fields?.split(',')[0] ?? null;
      const invalid = codeOf(e) === 'api.invalidInput';
      setError({
        message: invalid && field === 'email' ? t('referrals.directory.emailInvalid') : invalid && field === 'kep' ? t('referrals.directory.kepInvalid') : messageOf(t, e),
        field,
      });
    }
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{institution ? t('referrals.directory.editTitle') : t('referrals.directory.addTitle')}</Heading>
          <div className="grid-fields">
            <TextField label={t('referrals.directory.name')} value={form.name} onChange={(name) => set({ name })} isRequired error={error?.field === 'name' ? error.message : null} />
            <Select label={t('referrals.directory.type')} value={form.type} onChange={(type) => set({ type: type as InstitutionType })} options={INSTITUTION_TYPES.map((x) => ({ id: x, label: t(`referrals.institutionType.${x}`) }))} />
            <TextField label={t('referrals.directory.phone')} value={form.phone} onChange={(phone) => set({ phone })} />
            <TextField label={t('referrals.directory.email')} value={form.email} onChange={(email) => set({ email })} type="email" error={error?.field === 'email' ? error.message : null} />
            <TextField label={t('referrals.directory.kep')} value={form.kep} onChange={(kep) => set({ kep })} type="email" error={error?.field === 'kep' ? error.message : null} />
            <TextField label={t('referrals.directory.contactPerson')} value={form.contactPerson} onChange={(contactPerson) => set({ contactPerson })} />
          </div>
          <TextField label={t('referrals.directory.address')} value={form.address} onChange={(address) => set({ address })} />
          <CheckboxGroup value={form.services} onChange={(services) => set({ services })} className="checkbox-group">
            <Label className="field-label">{t('referrals.directory.services')}</Label>
            <div className="concern-options">
              {serviceOptions.map((s) => (
                <Checkbox key={s.id} value={s.id} className="checkbox">
                  <span className="checkbox-box" aria-hidden="true" />
                  {s.label}
                </Checkbox>
              ))}
            </div>
          </CheckboxGroup>
          <TextField
            label={t('referrals.directory.otherServices')}
            multiline
            rows={3}
            value={form.otherServices}
            onChange={(otherServices) => set({ otherServices })}
            description={t('referrals.directory.servicesHint')}
          />
          <Checkbox className="checkbox" isSelected={form.active} onChange={(active) => set({ active })}>
            <span className="checkbox-box" aria-hidden="true" />
            {t('referrals.directory.active')}
          </Checkbox>
          {error && error.field !== 'name' && error.field !== 'email' && error.field !== 'kep' ? <Alert tone="error">{error.message}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void save()} isDisabled={form.name.trim().length < 2}>
              {t('common.save')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
