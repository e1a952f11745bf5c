import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
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
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    if (!reason.trim()) return setError(t('calendar.cancelReasonRequired'));
    try {
      await call('calendar.cancelVisit', { caseId: visit.caseId, visitId: visit.id, reason: reason.trim() });
      onClose(true);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(o) => !o && onClose(false)} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('calendar.cancelVisitTitle')}</Heading>
          <p>
            <strong>
              {t(`calendar.kind.${visit.kind}`)} · {formatDateTime(visit.startsAt, i18n.language)}
              {visit.caseNumber ? ` · ${visit.caseNumber}` : ''}
            </strong>
          </p>
          <p className="hint">{t('calendar.cancelVisitText')}</p>
          <TextField label={t('calendar.cancelReason')} multiline rows={3} value={reason} onChange={(v) => {
              setReason(v);
              setError(null);
            }} isRequired autoFocus maxLength={1000} />
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={() => onClose(false)}>
              {t('calendar.keepVisit')}
            </Button>
            <Button variant="danger" onPress={() => void confirm()}>
              {t('calendar.cancelVisitConfirm')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
