import { CalendarX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitRecord } from '../../../../shared/api/methods/calendar';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { CancelVisitDialog } from './CancelVisitDialog';

/**
 * The case's planned visits and interviews (issue 17), above its notes: a planned one can be
 * cancelled with a reason; a cancelled one stays listed, struck through, with who, when and why.
 * Nothing is shown for a case without planned visits.
 */
export function CaseVisitsPanel({ caseId, writable }: { caseId: number; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('case:write') && writable;
  const visits = useCall('calendar.visitsForCase', { caseId });
  const [cancelling, setCancelling] = useState<VisitRecord | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const rows = visits.data ?? [];
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="case-visits-title" className="panel case-visits">
      <h2 id="case-visits-title">{t('calendar.caseVisits')}</h2>
      {cancelled ? <Alert tone="success">{t('calendar.visitCancelled')}</Alert> : null}
      <ul className="case-visit-list">
        {rows.map((v) => (
          <li key={v.id} className={v.cancelled ? 'is-cancelled' : undefined}>
            <span className="case-visit-what">
              {v.cancelled ? <s>{visitLine(v)}</s> : visitLine(v)}
            </span>
            {v.cancelled ? (
              <span className="hint">
                {' '}
                {t('calendar.cancelledInfo', { name: v.cancelled.by.displayName, date: formatDateTime(v.cancelled.at, i18n.language), reason: v.cancelled.reason })}
              </span>
            ) : canWrite ? (
              <Button variant="quiet" aria-label={`${t('calendar.cancelVisit')}: ${visitLine(v)}`} onPress={() => setCancelling(v)}>
                <CalendarX aria-hidden="true" size={16} /> {t('calendar.cancelVisit')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {cancelling ? (
        <CancelVisitDialog
          visit={cancelling}
          onClose={(done) => {
            setCancelling(null);
            if (done) {
              setCancelled(true);
              visits.reload();
            }
          }}
        />
      ) : null}
    </section>
  );

  function visitLine(v: VisitRecord): string {
    return `${formatDateTime(v.startsAt, i18n.language)} · ${t(`calendar.kind.${v.kind}`)} · ${v.visitor.displayName}`;
  }
}
