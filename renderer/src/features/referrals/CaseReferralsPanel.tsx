import { Pencil, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import type { Referral, ReferralWritten } from '../../../../shared/api/schemas/referrals';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { partsOf, withReferral, type FileChange } from '../cases/caseFileUpdates';
import { ReferralStateBadge, useServiceLabel } from './common';
import { ReferralLetterSlot } from './printSlot';
import { actionsFor, ReferralActionDialog, type ReferralAction } from './ReferralActions';
import { ReferralForm, referralDraftKey } from './ReferralForm';
import { caseWritable } from '../../../../shared/api/schemas/cases';

/**
 * The case file's referrals tab: prepare, send and follow each referral to its end. A write's
 * reply goes into the list, and the tasks it opened or closed into the file (`onChange`): no reload.
 */
export function CaseReferralsPanel({ file, onChange }: { file: CaseFile; onChange(change: FileChange): void }) {
  const { t } = useTranslation();
  const list = useCall('referrals.listForCase', { caseId: file.case.id });
  const canWrite = useCan('referral:write');
  const open = caseWritable(file.case);
  const [editing, setEditing] = useState<{ referral: Referral | null } | null>(null);
  // A referral left unsaved (say, by an idle lock) opens again with its draft.
  const referrals = list.data;
  useEffect(() => {
    if (!canWrite || !open || !referrals) return;
    let alive = true;
    call('drafts.get', { key: referralDraftKey(file.case.id) })
      .then((draft) => {
        if (!alive || !draft) return;
        const { referralId } = JSON.parse(draft.data) as { referralId: number | null };
        const referral = referralId === null ? null : referrals.find((r) => r.id === referralId);
        if (referral !== undefined) setEditing((current) => current ?? { referral });
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [canWrite, open, referrals, file.case.id]);
  const written = (referral: ReferralWritten) => {
    list.update((rows) => withReferral(rows, referral));
    onChange(partsOf(referral));
  };

  return (
    <div className="referrals-panel">
      <div className="panel-head">
        <h2>{t('referrals.caseTitle')}</h2>
        {canWrite && open ? (
          <Button variant="primary" onPress={() => setEditing({ referral: null })}>
            <Plus aria-hidden="true" size={16} /> {t('referrals.new')}
          </Button>
        ) : null}
      </div>
      {list.error ? <Alert tone="error">{messageOf(t, list.error)}</Alert> : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState
          action={
            canWrite && open ? (
              <Button variant="primary" onPress={() => setEditing({ referral: null })}>
                {t('referrals.new')}
              </Button>
            ) : undefined
          }
        >
          {canWrite && open ? t('referrals.emptyCase') : t('referrals.emptyCaseReadOnly')}
        </EmptyState>
      ) : null}
      <ol className="referral-list">
        {(list.data ?? []).map((r) => (
          <ReferralItem key={r.id} referral={r} canWrite={canWrite} onEdit={() => setEditing({ referral: r })} onWritten={written} />
        ))}
      </ol>
      {editing ? (
        <ReferralForm
          key={editing.referral?.id ?? 'new'}
          file={file}
          referral={editing.referral}
          isOpen
          onClose={() => setEditing(null)}
          onSaved={(referral) => {
            setEditing(null);
            written(referral);
          }}
        />
      ) : null}
    </div>
  );
}

/** One referral: what was asked, under which consent, what is shared, where it stands, and its dated history. */
export function ReferralItem({ referral: r, canWrite, onEdit, onWritten }: { referral: Referral; canWrite: boolean; onEdit(): void; onWritten(referral: ReferralWritten): void }) {
  const { t, i18n } = useTranslation();
  const serviceLabel = useServiceLabel();
  const [action, setAction] = useState<ReferralAction | null>(null);
  const lang = i18n.language;
  const services = [...r.services.map(serviceLabel), ...(r.servicesOther ? [r.servicesOther] : [])];
  const consentText = (): string => {
    if (!r.consentRecorded) return t('referrals.detail.noConsent');
    if (r.legalGround) return t('referrals.detail.legalGround', { text: r.legalGround });
    return t('referrals.detail.consent', {
      who: r.consent?.givenByName ?? '—',
      how: r.consent?.method ? t(`referrals.consentMethod.${r.consent.method}`) : '—',
      when: r.consent?.on ? formatDate(r.consent.on, lang) : '—',
    });
  };
  const headingId = `referral-${r.id}-title`;

  return (
    <li className={`referral ${r.replyOverdue ? 'referral-overdue' : ''}`} aria-labelledby={headingId}>
      <div className="referral-head">
        <h3 id={headingId}>{r.institution.name}</h3>
        <ReferralStateBadge state={r.state} />
        <span className={`tag urgency-${r.urgency}`}>{t(`referrals.urgency.${r.urgency}`)}</span>
        {r.replyOverdue ? <strong className="overdue-text">{t('referrals.replyOverdue')}</strong> : null}
      </div>
      <dl className="referral-facts">
        <dt>{t('referrals.detail.person')}</dt>
        <dd>{r.person?.name ?? t('referrals.form.household')}</dd>
        <dt>{t('referrals.detail.services')}</dt>
        <dd>{services.length ? services.join(', ') : '—'}</dd>
        <dt>{t('referrals.detail.reason')}</dt>
        <dd className="prewrap">{r.reason}</dd>
        <dt>{t('referrals.detail.consentLabel')}</dt>
        <dd className={r.consentRecorded ? '' : 'overdue-text'}>{consentText()}</dd>
        <dt>{t('referrals.detail.shared')}</dt>
        <dd>{r.sharedSections.length ? r.sharedSections.map((s) => (s === 'notes' ? t('referrals.detail.notesCount', { count: r.sharedNoteIds.length }) : t(`referrals.section.${s}`))).join(', ') : t('referrals.detail.nothingShared')}</dd>
        {r.sentOn ? (
          <>
            <dt>{t('referrals.detail.sent')}</dt>
            <dd>
              {formatDate(r.sentOn, lang)}
              {r.replyDueOn ? ` · ${t('referrals.detail.replyDue', { date: formatDate(r.replyDueOn, lang) })}` : ''}
            </dd>
          </>
        ) : null}
        {r.reply ? (
          <>
            <dt>{t('referrals.detail.reply')}</dt>
            <dd>
              {[
                r.reply.receivedOn ? t('referrals.detail.replyReceived', { date: formatDate(r.reply.receivedOn, lang) }) : null,
                r.reply.serviceStartedOn ? t('referrals.detail.replyStarted', { date: formatDate(r.reply.serviceStartedOn, lang) }) : null,
                r.reply.contactPerson ? t('referrals.detail.replyContact', { name: r.reply.contactPerson }) : null,
                r.reply.outcome,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        {r.outcome ? (
          <>
            <dt>{t('referrals.detail.outcome')}</dt>
            <dd>{r.outcome}</dd>
          </>
        ) : null}
        {r.declineReason ? (
          <>
            <dt>{t('referrals.detail.declineReason')}</dt>
            <dd>{r.declineReason}</dd>
          </>
        ) : null}
      </dl>

      <details className="referral-history" open={r.state !== 'draft'}>
        <summary>{t('referrals.history.title')}</summary>
        <ol className="timeline compact" aria-label={t('referrals.history.title')}>
          {r.history.map((h) => (
            <li key={h.id}>
              <strong>{formatDate(h.on, lang)}</strong> — {t(`referrals.state.${h.to}`)}
              <span className="hint"> · {t('referrals.history.by', { name: h.by.displayName, at: formatDateTime(h.at, lang) })}</span>
              {h.note ? <div className="hint">{h.note}</div> : null}
            </li>
          ))}
        </ol>
      </details>

      {canWrite ? (
        <div className="row-actions referral-actions">
          {r.state === 'draft' ? (
            <Button variant="secondary" onPress={onEdit}>
              <Pencil aria-hidden="true" size={14} /> {t('referrals.editDraft')}
            </Button>
          ) : null}
          {actionsFor(r).map((a) => (
            <Button key={a} variant={a === 'send' || a === 'reply' ? 'primary' : a === 'decline' ? 'danger' : 'secondary'} onPress={() => setAction(a)}>
              {t(`referrals.action.${a}`)}
            </Button>
          ))}
          <ReferralLetterSlot referral={r} />
        </div>
      ) : null}
      {action ? (
        <ReferralActionDialog
          key={action}
          referral={r}
          action={action}
          onClose={() => setAction(null)}
          onDone={(referral) => {
            setAction(null);
            onWritten(referral);
          }}
        />
      ) : null}
    </li>
  );
}
