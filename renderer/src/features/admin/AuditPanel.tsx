import { Download, FileText } from 'lucide-react';
import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AuditFilter, ReadableAuditEntry } from '../../../../shared/api/methods/audit';
import { auditFields, auditSentence } from '../../../../shared/audit/readable';
import { isLanguage } from '../../../../shared/i18n/languages';
import { dayEndUtc, dayStartUtc } from '../../../../shared/time/localDays';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { useJob } from '../../api/useJob';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { JobProgress } from '../../components/ui/JobProgress';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { formatDateTime } from '../../i18n/format';
import { PrintDialog } from '../documents/PrintDialog';

const PAGE = 100;
const CASE_NUMBER = /^\d{4}\/\d{1,6}$/;

/** The local calendar day's first instant, or the next day's (an exclusive end), as ISO. */
/**
 * The audit log for administrators and supervisors, readable: each entry as a
 * sentence with names and case numbers, details as labelled fields; filters by
 * period, case, user and action; the filtered log exported as CSV or PDF.
 */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [action, setAction] = useState('all');
  const [actorId, setActorId] = useState('all');
  const [caseInput, setCaseInput] = useState('');
  const [older, setOlder] = useState<ReadableAuditEntry[]>([]);
  const [printing, setPrinting] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null);
  // The CSV export is a job in the core (a page of rows at a time): its progress shows while it runs.
  const exportJob = useJob();
  const [exporting, setExporting] = useState(false);
  const caseNumber = CASE_NUMBER.test(caseInput.trim()) ? caseInput.trim() : '';
  const filter: AuditFilter = {
    ...(from ? { from: dayStartUtc(from) } : {}),
    ...(to ? { to: dayEndUtc(to) } : {}),
    ...(action !== 'all' ? { action } : {}),
    ...(actorId !== 'all' ? { actorId } : {}),
    ...(caseNumber ? { caseNumber } : {}),
  };
  const page = useCall('audit.search', { ...filter, limit: PAGE });
  const rows = [...(page.data?.rows ?? []), ...older];
  const language = isLanguage(i18n.language) ? i18n.language : 'tr';

  const loadMore = async () => {
    const last = rows[rows.length - 1];
    if (!last) return;
    const next = await call('audit.search', { ...filter, limit: PAGE, beforeSeq: last.seq });
    setOlder((o) => [...o, ...next.rows]);
  };

  const runVerify = async () => {
    try {
      const result = await call('audit.verify', {});
      const first = result.signatures.problems[0];
      setMessage(
        result.ok
          ? { tone: 'success', text: t('admin.audit.chainOk', { count: result.rows }) }
          : result.brokenAt !== undefined || result.signatures.ok
            ? { tone: 'error', text: t('admin.audit.chainBroken', { seq: result.brokenAt ?? 0 }) }
            : first
              ? { tone: 'error', text: t('admin.audit.signaturesBad', { count: result.signatures.failedRows, seq: first.seq, actor: first.actor ?? '—' }) }
              : { tone: 'error', text: t('admin.audit.signedFromBad') },
      );
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const result = await call('audit.exportCsv', { ...filter, language, jobId: exportJob.jobId() });
      const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${t('admin.audit.csvFile')}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ tone: 'success', text: result.truncated ? t('admin.audit.csvTruncated', { count: result.rows }) : t('admin.audit.csvDone', { count: result.rows }) });
      page.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    } finally {
      setExporting(false);
      exportJob.reset();
    }
  };

  const resetOlder =
    <T,>(setter: (v: T) => void) =>
    (value: T) => {
      setOlder([]);
      setter(value);
    };

  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('admin.audit.title')}</h2>
        <div className="form-actions">
          <Button onPress={() => void exportCsv()} isDisabled={exporting}>
            <Download aria-hidden="true" size={16} /> {t('admin.audit.exportCsv')}
          </Button>
          <Button onPress={() => setPrinting(true)}>
            <FileText aria-hidden="true" size={16} /> {t('admin.audit.exportPdf')}
          </Button>
          <Button onPress={() => void runVerify()}>{t('admin.audit.verify')}</Button>
        </div>
      </div>
      {exporting ? <JobProgress progress={exportJob.progress} label={t('admin.audit.csvRunning')} /> : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="filters">
        <DateInput label={t('admin.audit.from')} value={from} onChange={resetOlder(setFrom)} />
        <DateInput label={t('admin.audit.to')} value={to} onChange={resetOlder(setTo)} />
        <TextField
          label={t('admin.audit.caseFilter')}
          value={caseInput}
          onChange={resetOlder(setCaseInput)}
          description={t('admin.audit.caseFilterHint')}
          error={page.data?.unknownCase ? t('admin.audit.unknownCase') : null}
        />
        <Select
          label={t('admin.audit.userFilter')}
          value={actorId}
          onChange={resetOlder(setActorId)}
          options={[{ id: 'all', label: t('admin.audit.allUsers') }, ...(page.data?.actors ?? []).map((a) => ({ id: a.id, label: a.displayName }))]}
        />
        <Select
          label={t('admin.audit.action')}
          value={action}
          onChange={resetOlder(setAction)}
          options={[
            { id: 'all', label: t('admin.audit.allActions') },
            ...(page.data?.actions ?? []).map((a) => ({ id: a, label: t(`audit.action.${a}`, { defaultValue: t('audit.unknownAction') }) })),
          ]}
        />
      </div>
      {page.error ? <Alert tone="error">{messageOf(t, page.error)}</Alert> : null}
      <Table aria-label={t('admin.audit.title')} className="table table-compact audit-table">
        <TableHeader>
          <Column isRowHeader>{t('admin.audit.when')}</Column>
          <Column>{t('admin.audit.what')}</Column>
          <Column>{t('admin.audit.details')}</Column>
        </TableHeader>
        {/* The rows are rendered text: a change of language renders them again (React Aria caches a collection's items). */}
        <TableBody items={rows} dependencies={[language]} renderEmptyState={() => (page.loading ? t('app.loading') : t('admin.audit.empty'))}>
          {(row) => {
            const fields = auditFields(row, t, language);
            return (
              <Row id={row.seq}>
                <Cell>{formatDateTime(row.at, i18n.language)}</Cell>
                <Cell>{auditSentence(row, t)}</Cell>
                <Cell>
                  {fields.length ? (
                    <dl className="audit-fields">
                      {fields.map(([label, value], index) => (
                        <div key={index}>
                          <dt>{label}</dt>
                          <dd>{value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    '—'
                  )}
                </Cell>
              </Row>
            );
          }}
        </TableBody>
      </Table>
      {page.data && page.data.rows.length === PAGE ? (
        <div className="form-actions form-actions-start">
          <Button onPress={() => void loadMore()}>{t('admin.audit.more')}</Button>
        </div>
      ) : null}
      <PrintDialog
        isOpen={printing}
        onClose={() => {
          setPrinting(false);
          page.reload();
        }}
        title={t('admin.audit.pdf.title')}
        fileName={t('admin.audit.csvFile')}
        print={(request) => call('documents.auditLog', { ...filter, ...request })}
      />
    </div>
  );
}
