import { useState } from 'react';
import { Cell, Column, Row, Switch, Table, TableBody, TableHeader, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Lookup, LookupKind } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';

const KINDS: LookupKind[] = ['channel', 'concern', 'service'];

/**
 * The office's own lists: intake channels, concern categories (seed 000's to
 * start with) and services. Entries are renamed or retired, never deleted:
 * old cases keep pointing at them.
 */
export function ListsPanel() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LookupKind>('concern');
  const list = useCall('lookups.list', { kind, includeInactive: true });
  const [labelTr, setLabelTr] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const save = async (input: { code?: string; labelTr: string; labelEn: string; active: boolean }) => {
    setMessage(null);
    try {
      const saved = await call('lookups.upsert', { kind, ...input });
      setMessage({ tone: 'success', text: t('admin.lists.saved', { label: saved.labelTr }) });
      list.reload();
      return true;
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
      return false;
    }
  };

  return (
    <div className="panel">
      <h2>{t('admin.lists.title')}</h2>
      <p className="hint">{t('admin.lists.intro')}</p>
      <ToggleButtonGroup
        aria-label={t('admin.lists.which')}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[kind]}
        onSelectionChange={(keys: Set<Key>) => setKind([...keys][0] as LookupKind)}
        className="lang-switch"
      >
        {KINDS.map((k) => (
          <ToggleButton key={k} id={k} className="lang-button">
            {t(`admin.lists.kind.${k}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Table aria-label={t(`admin.lists.kind.${kind}`)} className="table table-compact">
        <TableHeader>
          <Column isRowHeader>{t('admin.lists.labelTr')}</Column>
          <Column>{t('admin.lists.labelEn')}</Column>
          <Column>{t('admin.lists.share')}</Column>
          <Column>{t('admin.lists.active')}</Column>
        </TableHeader>
        <TableBody items={(list.data ?? []).map((l) => ({ ...l, id: l.code }))} renderEmptyState={() => t('app.loading')}>
          {(item) => (
            <Row id={item.id}>
              <Cell>{item.labelTr}</Cell>
              <Cell>{item.labelEn}</Cell>
              <Cell>{item.seedShare !== null ? `%${item.seedShare}` : '—'}</Cell>
              <Cell>
                <ActiveSwitch item={item} onChange={(active) => void save({ code: item.code, labelTr: item.labelTr, labelEn: item.labelEn, active })} />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      <div className="inline-form">
        <TextField label={t('admin.lists.labelTr')} value={labelTr} onChange={setLabelTr} />
        <TextField label={t('admin.lists.labelEn')} value={labelEn} onChange={setLabelEn} />
        <Button
          variant="primary"
          isDisabled={!labelTr.trim() || !labelEn.trim()}
          onPress={() =>
            void save({ labelTr, labelEn, active: true }).then((ok) => {
              if (ok) {
                setLabelTr('');
                setLabelEn('');
              }
            })
          }
        >
          {t('admin.lists.add')}
        </Button>
      </div>
    </div>
  );
}

function ActiveSwitch({ item, onChange }: { item: Lookup; onChange(active: boolean): void }) {
  const { t } = useTranslation();
  return (
    <Switch isSelected={item.active} onChange={onChange} className="switch" aria-label={t('admin.lists.activeOf', { label: item.labelTr })}>
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
    </Switch>
  );
}
