/**
 * /assessments: supervisors approve or return the Urgent/High decisions of
 * caseworkers; everyone sees the latest assessments and can start one on a
 * case found by number or name.
 */
import { Search } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Dialog, Form, Heading, Link, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AssessmentRecord } from '../../../../shared/api/schemas/assessments';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan, useCurrentSession } from '../auth/SessionContext';
import { StatusBadge } from './StatusBadge';
import { RecordedFindings } from './RecordedFindings';

type Decision = { kind: 'approve' | 'return'; record: AssessmentRecord } | null;

export function AssessmentsPage() {
  const { t } = useTranslation();
  const canApprove = useCan('assessment:approve');
  const canAssess = useCan('assessment:write');
  const pending = useCall('assessments.recent', { status: 'pending_approval', limit: 100 }, canApprove);
  const recent = useCall('assessments.recent', { limit: 50 });
  const [decision, setDecision] = useState<Decision>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section aria-labelledby="page-title" className="assessments-page">
      <h1 id="page-title">{t('pages.assessments.title')}</h1>
      {notice ? <Alert tone="success">{notice}</Alert> : null}

      {canAssess ? <StartAssessment /> : null}

      {canApprove ? (
        <div className="panel">
          <h2>{t('assessment.list.pendingTitle')}</h2>
          {pending.error ? <Alert tone="error">{messageOf(t, pending.error)}</Alert> : null}
          {pending.data && pending.data.length === 0 ? (
            <p className="hint">{t('assessment.list.pendingEmpty')}</p>
          ) : pending.data ? (
            <PendingTable rows={pending.data} onDecide={setDecision} />
          ) : (
            <p role="status">{t('app.loading')}</p>
          )}
        </div>
      ) : null}

      <div className="panel">
        <h2>{t('assessment.list.recentTitle')}</h2>
        {recent.error ? <Alert tone="error">{messageOf(t, recent.error)}</Alert> : null}
        {recent.data && recent.data.length === 0 ? (
          <EmptyState action={<Link href="/cases">{t('assessment.list.toCases')}</Link>}>{t('assessment.list.recentEmpty')}</EmptyState>
        ) : recent.data ? (
          <RecentTable rows={recent.data} />
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
      </div>

      <ModalOverlay className="modal-overlay" isOpen={decision !== null} onOpenChange={(open) => !open && setDecision(null)} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {decision ? (
              <DecisionForm
                decision={decision}
                onClose={() => setDecision(null)}
                onDone={(message) => {
                  setDecision(null);
                  setNotice(message);
                  pending.reload();
                  recent.reload();
                }}
              />
            ) : null}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}

/** Find a case by number or name and open a new assessment on it. */
function StartAssessment() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  const hits = useCall('cases.search', { q: submitted, limit: 10 }, submitted.length > 0);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(query.trim());
  };
  const unique = hits.data ? [...new Map(hits.data.hits.map((hit) => [hit.caseId, hit])).values()] : [];
  return (
    <div className="panel">
      <h2>{t('assessment.list.startTitle')}</h2>
      <Form onSubmit={onSubmit} className="inline-form" role="search" aria-label={t('assessment.list.startTitle')}>
        <TextField label={t('assessment.list.searchLabel')} description={t('assessment.list.searchHint')} value={query} onChange={setQuery} type="search" />
        <Button type="submit" variant="secondary">
          <Search aria-hidden="true" size={16} />
          {t('assessment.list.search')}
        </Button>
      </Form>
      {submitted && hits.error ? <Alert tone="error">{messageOf(t, hits.error)}</Alert> : null}
      {submitted && hits.data ? (
        unique.length === 0 ? (
          <p className="hint" role="status">
            {t('assessment.list.noHits', { query: submitted })}
          </p>
        ) : (
          <ul className="case-hits" aria-label={t('assessment.list.hits')}>
            {unique.map((hit) => (
              <li key={hit.caseId}>
                <span className="case-hit-number">{hit.caseNumber}</span>
                <span>{hit.person ? `${hit.person.firstName} ${hit.person.lastName}`.trim() : (hit.householdName ?? '—')}</span>
                {hit.status === 'closed' ? (
                  <span className="hint">{t('assessment.list.closed')}</span>
                ) : (
                  <Link href={`/assessments/new?caseId=${hit.caseId}`} className="btn btn-secondary" aria-label={t('assessment.list.assessCaseOf', { number: hit.caseNumber })}>
                    {t('assessment.list.assessCase')}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

function PendingTable({ rows, onDecide }: { rows: AssessmentRecord[]; onDecide(decision: Decision): void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentSession().user.id;
  return (
    <table className="table assessments-table">
      <caption className="visually-hidden">{t('assessment.list.pendingTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assessment.list.case')}</th>
          <th scope="col">{t('assessment.list.child')}</th>
          <th scope="col">{t('assessment.list.level')}</th>
          <th scope="col">{t('assessment.list.reason')}</th>
          <th scope="col">{t('assessment.list.assessor')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <Link href={`/cases/${row.caseId}`}>{row.caseNumber}</Link>
            </td>
            <td>{row.childName ?? '—'}</td>
            <td>
              <LevelBadge level={row.finalLevel} />
              {row.finalLevel !== row.computed ? (
                <span className="hint level-computed">
                  {' '}
                  {t('assessment.list.computedWas')} <LevelBadge level={row.computed} />
                </span>
              ) : null}
            </td>
            <td className="cell-text">{row.overrideReason ?? row.summary ?? '—'}</td>
            <td>
              {row.assessedBy.name}
              <br />
              <span className="hint">{formatDateTime(row.assessedAt, i18n.language)}</span>
            </td>
            <td>
              {row.assessedBy.id === me ? (
                <span className="hint">{t('assessment.list.ownPending')}</span>
              ) : (
                <div className="row-actions">
                  <Button variant="secondary" onPress={() => onDecide({ kind: 'approve', record: row })} aria-label={t('assessment.list.approveOf', { number: row.caseNumber })}>
                    {t('assessment.list.approve')}
                  </Button>
                  <Button variant="danger" onPress={() => onDecide({ kind: 'return', record: row })} aria-label={t('assessment.list.returnOf', { number: row.caseNumber })}>
                    {t('assessment.list.return')}
                  </Button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecentTable({ rows }: { rows: AssessmentRecord[] }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table assessments-table">
      <caption className="visually-hidden">{t('assessment.list.recentTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assessment.list.case')}</th>
          <th scope="col">{t('assessment.list.child')}</th>
          <th scope="col">{t('assessment.list.level')}</th>
          <th scope="col">{t('assessment.list.computedVsFinal')}</th>
          <th scope="col">{t('assessment.list.status')}</th>
          <th scope="col">{t('assessment.list.assessor')}</th>
          <th scope="col">{t('assessment.list.date')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <Link href={`/cases/${row.caseId}`}>{row.caseNumber}</Link>
            </td>
            <td>{row.childName ?? '—'}</td>
            <td>
              <LevelBadge level={row.finalLevel} />
            </td>
            <td>{row.finalLevel === row.computed ? <span className="hint">{t('assessment.list.same')}</span> : <ComputedVsFinal row={row} />}</td>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <td>{row.assessedBy.name}</td>
            <td>{formatDate(row.assessedAt, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComputedVsFinal({ row }: { row: AssessmentRecord }) {
  const { t } = useTranslation();
  return (
    <span className="computed-vs-final">
      <LevelBadge level={row.computed} /> <span aria-hidden="true">→</span>
      <span className="visually-hidden">{t('assessment.list.changedTo')}</span> <LevelBadge level={row.finalLevel} />
    </span>
  );
}

function DecisionForm({ decision, onClose, onDone }: { decision: NonNullable<Decision>; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const { kind, record } = decision;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (kind === 'return' && !note.trim()) {
      setNoteError(t('assessment.list.noteRequired'));
      return;
    }
    setBusy(true);
    try {
      if (kind === 'approve') {
        await call('assessments.approve', { id: record.id, note: note.trim() || undefined });
        onDone(t('assessment.list.approvedNotice', { number: record.caseNumber }));
      } else {
        await call('assessments.return', { id: record.id, note: note.trim() });
        onDone(t('assessment.list.returnedNotice', { number: record.caseNumber }));
      }
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Heading slot="title">{t(kind === 'approve' ? 'assessment.list.approveTitle' : 'assessment.list.returnTitle', { number: record.caseNumber })}</Heading>
      <div className="decision-summary">
        <p>
          {record.childName ?? '—'} · <LevelBadge level={record.finalLevel} />{' '}
          {record.finalLevel !== record.computed ? (
            <span className="hint">
              {t('assessment.list.computedWas')} <LevelBadge level={record.computed} />
            </span>
          ) : null}
        </p>
        {record.overrideReason ? (
          <p>
            <strong>{t('assessment.reason')}:</strong> {record.overrideReason}
          </p>
        ) : null}
        {record.summary ? (
          <p>
            <strong>{t('assessment.summary')}:</strong> {record.summary}
          </p>
        ) : null}
        <p className="hint">{t('assessment.list.assessedBy', { name: record.assessedBy.name })}</p>
        <RecordedFindings record={record} />
      </div>
      <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
        <TextField
          label={kind === 'return' ? t('assessment.list.returnNote') : t('assessment.list.approveNote')}
          description={kind === 'return' ? t('assessment.list.returnHint') : undefined}
          value={note}
          onChange={(value) => {
            setNote(value);
            if (value.trim()) setNoteError(null);
          }}
          error={noteError}
          isRequired={kind === 'return'}
          multiline
          rows={3}
          autoFocus
        />
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="form-actions">
          <Button variant="quiet" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant={kind === 'approve' ? 'primary' : 'danger'} isDisabled={busy}>
            {kind === 'approve' ? t('assessment.list.approve') : t('assessment.list.return')}
          </Button>
        </div>
      </Form>
    </>
  );
}
