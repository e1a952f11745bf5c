import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api/client';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { fieldErrorOf, formErrorOf } from './fieldErrors';
import { withParts, type FileChange } from './caseFileUpdates';
import { emptyIntake, IntakeFields, intakeInput, type IntakeDraft } from './IntakeFields';

/**
 * A new report on a known household: on an open case it is a repeated report
 * (flagged, seed 004); on a closed case it reopens the case, keeping its history.
 */
/** `onSaved`: the change to the case file, made from the reply (no reload). */
export function ReportDialog({ caseId, reopen, isOpen, onClose, onSaved }: { caseId: number; reopen: boolean; isOpen: boolean; onClose(): void; onSaved(change: FileChange): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<IntakeDraft>(() => emptyIntake());
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      let change: FileChange;
      if (reopen) {
        const r = await call('cases.reopen', { caseId, intake: intakeInput(draft) });
        change = (f) => withParts({ ...f, case: r.case }, r.parts);
      } else {
        const r = await call('cases.addIntake', { caseId, intake: intakeInput(draft) });
        change = (f) => withParts(f, r.parts);
      }
      setDraft(emptyIntake());
      onSaved(change);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{reopen ? t('cases.dialog.reopen') : t('cases.newReport')}</Heading>
          <p className="hint">{reopen ? t('cases.reopenHint') : t('cases.newReportHint')}</p>
          <div className="form">
            <IntakeFields value={draft} onChange={setDraft} errorFor={(field) => fieldErrorOf(t, error, `intake.${field}`)} />
            {error ? <Alert tone="error">{formErrorOf(t, error)}</Alert> : null}
            <div className="form-actions">
              <Button variant="quiet" onPress={onClose}>
                {t('common.cancel')}
              </Button>
              <Button variant="primary" onPress={() => void save()} isDisabled={busy}>
                {reopen ? t('cases.reopen') : t('intake.save')}
              </Button>
            </div>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
