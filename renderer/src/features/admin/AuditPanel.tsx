import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/api/schemas/auth';
import { dayEndUtc, dayStartUtc } from '../../../../shared/time/localDays';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { Select } from '../../components/ui/Select';
import { formatDateTime } from '../../i18n/format';

const PAGE = 100;

/** The audit log for administrators and supervisors: filter by period and action, newest first. */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [action, setAction] = useState('all');
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [verify, setVerify] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const filters = {
    limit: PAGE,
    // Days on the local calendar: from its local midnight; 'to' is inclusive on screen, up to the next local midnight.
    ...(from ? { from: dayStartUtc(from) } : {}),
    ...(to ? { to: dayEndUtc(to) } : {}),
    ...(action !== 'all' ? { action } : {}),
  };
  const page = useCall('audit.list', filters);
  const rows = [...(page.data?.rows ?? []), ...older];
  const actionLabel = (code: string) => t(`audit.action.${code}`, { defaultValue: code });

  const loadMore = async () => {
    const last = rows[rows.length - 1];
    if (!last) return;
    const next = await call('audit.list', { ...filters, beforeSeq: last.seq });
    setOlder((o) => [...o, ...next.rows]);
  };

  const runVerify = async () => {
    try {
      const result = await call('audit.verify', {});
      setVerify(
        result.ok
          ? { tone: 'success', text: t('admin.audit.chainOk', { count: result.rows }) }
          : { tone: 'error', text: t('admin.audit.chainBroken', { seq: result.brokenAt ?? 0 }) },
      );
    } catch (e) {
      setVerify({ tone: 'error', text: messageOf(t, e) });
    }
  };

  const resetOlder = <T,>(setter: (v: T) => void) => (value: T) => {
    setOlder([]);
    setter(value);
  };

  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('admin.audit.title')}</h2>
        <Button onPress={() => void runVerify()}>{t('admin.audit.verify')}</Button>
      </div>
      {verify ? <Alert tone={verify.tone}>{verify.text}</Alert> : null}
      <div className="filters">
        <DateInput label={t('admin.audit.from')} value={from} onChange={resetOlder(setFrom)} />
        <DateInput label={t('admin.audit.to')} value={to} onChange={resetOlder(setTo)} />
        <Select
          label={t('admin.audit.action')}
          value={action}
          onChange={resetOlder(setAction)}
          options={[{ id: 'all', label: t('admin.audit.allActions') }, ...(page.data?.actions ?? []).map((a) => ({ id: a, label: actionLabel(a) }))]}
        />
      </div>
      {page.error ? <Alert tone="error">{messageOf(t, page.error)}</Alert> : null}
      <Table aria-label={t('admin.audit.title')} className="table table-compact">
        <TableHeader>
          <Column isRowHeader>{t('admin.audit.when')}</Column>
          <Column>{t('admin.audit.who')}</Column>
          <Column>{t('admin.audit.action')}</Column>
          <Column>{t('admin.audit.target')}</Column>
          <Column>{t('admin.audit.details')}</Column>
        </TableHeader>
        <TableBody items={rows} renderEmptyState={() => (page.loading ? t('app.loading') : t('admin.audit.empty'))}>
          {(row) => (
            <Row id={row.seq}>
              <Cell>{formatDateTime(row.at, i18n.language)}</Cell>
              <Cell>{row.actorName ?? '—'}</Cell>
              <Cell>{actionLabel(row.action)}</Cell>
              <Cell>{row.targetType ? `${t(`audit.target.${row.targetType}`, { defaultValue: row.targetType })}${row.targetId ? ` · ${row.targetId.slice(0, 8)}` : ''}` : '—'}</Cell>
              <Cell>
                <span className="mono">
                  {Object.entries(row.details)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(' ')}
                </span>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      {page.data && page.data.rows.length === PAGE ? (
        <div className="form-actions form-actions-start">
          <Button onPress={() => void loadMore()}>{t('admin.audit.more')}</Button>
        </div>
      ) : null}
    </div>
  );
}
