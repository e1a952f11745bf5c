import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CaseFile, ServiceRecord } from '../../../../shared/api/schemas/cases';
import { todayLocal } from '../../../../shared/time/localDays';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { formatDate } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { personName } from './format';
import { useLookups } from './useLookups';
import { caseWritable } from '../../../../shared/api/schemas/cases';

const todayIso = (): string => todayLocal();

/** Services delivered to the household's members (seed 000's list, editable). */
/** `onAdded`: the added service for the case file to take in (no reload). */
export function ServicesPanel({ file, onAdded }: { file: CaseFile; onAdded(service: ServiceRecord): void }) {
  const { t, i18n } = useTranslation();
  const services = useLookups('service');
  const canWrite = useCan('case:write') && caseWritable(file.case);
  const [draft, setDraft] = useState({ service: '', personId: 'household', deliveredOn: todayIso(), sessions: '1', note: '' });
  const [error, setError] = useState<string | null>(null);
  const names = new Map(file.members.map((m) => [m.person.id, personName(m.person)]));

  const add = async () => {
    setError(null);
    try {
      const added = await call('services.add', {
        caseId: file.case.id,
        service: draft.service,
        ...(draft.personId !== 'household' ? { personId: Number(draft.personId) } : {}),
        deliveredOn: draft.deliveredOn,
        sessions: Number(draft.sessions) || 1,
        ...(draft.note ? { note: draft.note } : {}),
      });
      setDraft({ ...draft, note: '' });
      onAdded(added);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  return (
    <div>
      {canWrite ? (
        <div className="panel">
          <h2>{t('services.add')}</h2>
          <div className="grid-fields">
            <Select label={t('services.service')} value={draft.service} onChange={(service) => setDraft({ ...draft, service })} options={services.items} />
            <Select
              label={t('services.person')}
              value={draft.personId}
              onChange={(personId) => setDraft({ ...draft, personId })}
              options={[{ id: 'household', label: t('services.household') }, ...file.members.map((m) => ({ id: String(m.person.id), label: personName(m.person) }))]}
            />
            <DateInput label={t('services.deliveredOn')} value={draft.deliveredOn} onChange={(deliveredOn) => setDraft({ ...draft, deliveredOn })} isRequired />
            <TextField label={t('services.sessions')} value={draft.sessions} onChange={(sessions) => setDraft({ ...draft, sessions })} inputMode="numeric" />
          </div>
          <TextField label={t('services.note')} value={draft.note} onChange={(note) => setDraft({ ...draft, note })} />
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions form-actions-start">
            <Button variant="primary" onPress={() => void add()} isDisabled={!draft.service}>
              {t('services.save')}
            </Button>
          </div>
        </div>
      ) : null}
      <Table aria-label={t('cases.tabs.services')} className="table">
        <TableHeader>
          <Column isRowHeader>{t('services.service')}</Column>
          <Column>{t('services.person')}</Column>
          <Column>{t('services.deliveredOn')}</Column>
          <Column>{t('services.sessions')}</Column>
          <Column>{t('services.by')}</Column>
          <Column>{t('services.note')}</Column>
        </TableHeader>
        <TableBody items={file.services} renderEmptyState={() => t('services.empty')}>
          {(s) => (
            <Row id={s.id}>
              <Cell>{services.labelOf(s.service)}</Cell>
              <Cell>{s.personId ? (names.get(s.personId) ?? '—') : t('services.household')}</Cell>
              <Cell>{formatDate(s.deliveredOn, i18n.language)}</Cell>
              <Cell>{s.sessions}</Cell>
              <Cell>{s.deliveredBy.displayName}</Cell>
              <Cell>{s.note ?? ''}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
