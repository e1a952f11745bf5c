import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ReasonDialog } from '../../components/ReasonDialog';
import { formatDateTime } from '../../i18n/format';

export interface VisitToCancel {
  id: number;
  caseId: number;
  caseNumber?: string;
  kind: 'home_visit' | 'interview';
  startsAt: string;
}

/** Cancels a planned visit or interview, with a reason (audited; from the calendar and the case file). */
export function CancelVisitDialog({ visit, onClose }: { visit: VisitToCancel; onClose(cancelled: boolean): void }) {
  const { t, i18n } = useTranslation();
  return (
    <ReasonDialog
      isOpen
      title={t('calendar.cancelVisitTitle')}
      reasonLabel={t('calendar.cancelReason')}
      confirmLabel={t('calendar.cancelVisitConfirm')}
      cancelLabel={t('calendar.keepVisit')}
      maxLength={1000}
      onCancel={() => onClose(false)}
      onConfirm={async (reason) => {
        await call('calendar.cancelVisit', { caseId: visit.caseId, visitId: visit.id, reason });
        onClose(true);
      }}
    >
      <p>
        <strong>
          {t(`calendar.kind.${visit.kind}`)} · {formatDateTime(visit.startsAt, i18n.language)}
          {visit.caseNumber ? ` · ${visit.caseNumber}` : ''}
        </strong>
      </p>
      <p className="hint">{t('calendar.cancelVisitText')}</p>
    </ReasonDialog>
  );
}
