import { Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import type { CourtOrder, CourtOrderWritten, Hearing, HearingWritten } from '../../../../shared/api/schemas/court';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { partsOf, withHearing, withOrder, type FileChange } from '../cases/caseFileUpdates';
import { ComplianceBadge, ComplianceDialog, HearingDialog, OrderDialog } from './courtDialogs';
import { CourtReportSlot } from './printSlot';
import { caseWritable } from '../../../../shared/api/schemas/cases';

/**
 * The case file's court tab: hearings (with reminders on the dashboard) and the orders with their
 * compliance. A write's reply goes into the tab, and the reminder tasks it changed into the file
 * (`onChange`): no reload.
 */
export function CaseCourtPanel({ file, onChange }: { file: CaseFile; onChange(change: FileChange): void }) {
  const { t } = useTranslation();
  const court = useCall('court.forCase', { caseId: file.case.id });
  const canWrite = useCan('court:write');
  const open = caseWritable(file.case);
  const [hearing, setHearing] = useState<Hearing | 'new' | null>(null);
  const [addingOrder, setAddingOrder] = useState(false);
  const [compliance, setCompliance] = useState<CourtOrder | null>(null);
  const hearingWritten = (written: HearingWritten) => {
    court.update((c) => withHearing(c, written));
    onChange(partsOf(written));
  };
  const orderWritten = (written: CourtOrderWritten) => {
    court.update((c) => withOrder(c, written));
    onChange(partsOf(written));
  };
  const hearings = court.data?.hearings ?? [];
  const orders = court.data?.orders ?? [];

  return (
    <div className="court-panel">
      <CourtReportSlot caseId={file.case.id} />
      {court.error ? <Alert tone="error">{messageOf(t, court.error)}</Alert> : null}
      <section className="panel" aria-labelledby="hearings-title">
        <div className="panel-head">
          <h2 id="hearings-title">{t('court.hearings')}</h2>
          {canWrite && open ? (
            <Button variant="primary" onPress={() => setHearing('new')}>
              <Plus aria-hidden="true" size={16} /> {t('court.hearing.add')}
            </Button>
          ) : null}
        </div>
        {court.data && hearings.length === 0 ? <EmptyState>{canWrite && open ? t('court.hearing.emptyCase') : t('court.hearing.emptyReadOnly')}</EmptyState> : null}
        <ol className="court-list">
          {hearings.map((h) => (
            <HearingItem key={h.id} hearing={h} canWrite={canWrite} onEdit={() => setHearing(h)} />
          ))}
        </ol>
      </section>

      <section className="panel" aria-labelledby="orders-title">
        <div className="panel-head">
          <h2 id="orders-title">{t('court.orders')}</h2>
          {canWrite && open ? (
            <Button variant="primary" onPress={() => setAddingOrder(true)}>
              <Plus aria-hidden="true" size={16} /> {t('court.order.add')}
            </Button>
          ) : null}
        </div>
        {court.data && orders.length === 0 ? <EmptyState>{canWrite && open ? t('court.order.emptyCase') : t('court.order.emptyReadOnly')}</EmptyState> : null}
        <ol className="court-list">
          {orders.map((o) => (
            <OrderItem key={o.id} order={o} canWrite={canWrite} onCompliance={() => setCompliance(o)} />
          ))}
        </ol>
      </section>

      {hearing ? (
        <HearingDialog
          caseId={file.case.id}
          hearing={hearing === 'new' ? null : hearing}
          onClose={() => setHearing(null)}
          onSaved={(written) => {
            setHearing(null);
            hearingWritten(written);
          }}
        />
      ) : null}
      {addingOrder ? (
        <OrderDialog
          file={file}
          hearings={hearings}
          onClose={() => setAddingOrder(false)}
          onSaved={(written) => {
            setAddingOrder(false);
            orderWritten(written);
          }}
        />
      ) : null}
      {compliance ? (
        <ComplianceDialog
          order={compliance}
          onClose={() => setCompliance(null)}
          onSaved={(written) => {
            setCompliance(null);
            orderWritten(written);
          }}
        />
      ) : null}
    </div>
  );
}

function HearingItem({ hearing: h, canWrite, onEdit }: { hearing: Hearing; canWrite: boolean; onEdit(): void }) {
  const { t, i18n } = useTranslation();
  const id = `hearing-${h.id}`;
  return (
    <li className="court-item" aria-labelledby={id}>
      <div className="referral-head">
        <h3 id={id}>
          {formatDateTime(h.hearingAt, i18n.language)} · {h.courtName}
        </h3>
        <span className={`status-badge hearing-${h.status}`}>{t(`court.hearingStatus.${h.status}`)}</span>
        {canWrite ? (
          <Button variant="quiet" onPress={onEdit} aria-label={t('court.hearing.editOf', { date: formatDateTime(h.hearingAt, i18n.language) })}>
            <Pencil aria-hidden="true" size={14} /> {h.status === 'scheduled' ? t('court.hearing.editOrOutcome') : t('common.edit')}
          </Button>
        ) : null}
      </div>
      <dl className="referral-facts">
        <dt>{t('court.hearing.fileNumber')}</dt>
        <dd>{h.fileNumber ?? '—'}</dd>
        <dt>{t('court.hearing.judge')}</dt>
        <dd>{h.judge ?? '—'}</dd>
        {h.toBring ? (
          <>
            <dt>{t('court.hearing.toBring')}</dt>
            <dd className="prewrap">{h.toBring}</dd>
          </>
        ) : null}
        {h.outcome ? (
          <>
            <dt>{t('court.hearing.outcome')}</dt>
            <dd className="prewrap">{h.outcome}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function OrderItem({ order: o, canWrite, onCompliance }: { order: CourtOrder; canWrite: boolean; onCompliance(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = `order-${o.id}`;
  return (
    <li className={`court-item ${o.overdue ? 'referral-overdue' : ''}`} aria-labelledby={id}>
      <div className="referral-head">
        <h3 id={id}>{t(`court.orderKind.${o.kind}`)}</h3>
        <ComplianceBadge status={o.compliance} overdue={o.overdue} />
        {canWrite ? (
          <Button variant="secondary" onPress={onCompliance} aria-label={t('court.order.updateComplianceOf', { kind: t(`court.orderKind.${o.kind}`) })}>
            {t('court.order.updateCompliance')}
          </Button>
        ) : null}
      </div>
      <dl className="referral-facts">
        <dt>{t('court.order.orderedOn')}</dt>
        <dd>{formatDate(o.orderedOn, lang)}</dd>
        <dt>{t('court.order.person')}</dt>
        <dd>{o.person?.name ?? t('referrals.form.household')}</dd>
        <dt>{t('court.order.responsible')}</dt>
        <dd>{o.responsible.name}</dd>
        <dt>{t('court.order.dueOn')}</dt>
        <dd className={o.overdue ? 'overdue-text' : ''}>{o.dueOn ? formatDate(o.dueOn, lang) : '—'}</dd>
      </dl>
      {o.description ? <p className="prewrap">{o.description}</p> : null}
      <ol className="timeline compact" aria-label={t('court.order.updates')}>
        {o.updates.map((u) => (
          <li key={u.id}>
            <strong>{formatDate(u.on, lang)}</strong> — {t(`court.compliance.${u.to}`)}
            <span className="hint"> · {u.by.displayName}</span>
            {u.note ? <div className="hint">{u.note}</div> : null}
          </li>
        ))}
      </ol>
    </li>
  );
}
