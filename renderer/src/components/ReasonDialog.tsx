/**
 * A confirmation that asks why (deleting an attachment, cancelling a visit, rejecting a
 * transfer …), the same everywhere: the reason field has the focus when the dialog opens; an
 * empty reason says "Zorunlu alan" / "Required field" at the field before anything is sent, and
 * the message goes as soon as the user types; what the core refuses is shown translated and the
 * dialog stays open; Escape (or the cancel button) closes it unchanged; the confirm button names
 * the action.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/errors';
import { Alert } from './ui/Alert';
import { Button } from './ui/Button';
import { TextField } from './ui/Field';

export interface ReasonDialogProps {
  isOpen: boolean;
  title: string;
  /** What the reason is for (a file name, a visit, a transfer's facts), above the field. */
  children?: ReactNode;
  reasonLabel: string;
  reasonDescription?: string;
  /** Names the action ("Eki sil", "İptal et", "Reddet"). */
  confirmLabel: string;
  /** Default: common.cancel. */
  cancelLabel?: string;
  /** 'danger' (default) for an action that removes or refuses. */
  tone?: 'danger' | 'primary';
  maxLength?: number;
  /** Does the work with the trimmed reason; what it throws is shown (translated) and the dialog stays open. */
  onConfirm(reason: string): Promise<void>;
  /** Closed without doing anything (cancel button, Escape, a click outside). */
  onCancel(): void;
}

export function ReasonDialog({ isOpen, onCancel, ...props }: ReasonDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && !busy && onCancel()} isDismissable={!busy} isKeyboardDismissDisabled={busy}>
      <Modal className="modal">
        <Dialog className="dialog reason-dialog">
          {/* Mounted afresh on each opening: no reason or error left from the last time. */}
          <ReasonForm {...props} busy={busy} setBusy={setBusy} onCancel={onCancel} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ReasonForm({
  title,
  children,
  reasonLabel,
  reasonDescription,
  confirmLabel,
  cancelLabel,
  tone = 'danger',
  maxLength,
  onConfirm,
  onCancel,
  busy,
  setBusy,
}: Omit<ReasonDialogProps, 'isOpen'> & { busy: boolean; setBusy(busy: boolean): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setError(null);
    const given = reason.trim();
    if (!given) {
      setFieldError(t('common.requiredField'));
      box.current?.querySelector('textarea')?.focus();
      return;
    }
    setBusy(true);
    try {
      await onConfirm(given);
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <Heading slot="title">{title}</Heading>
      {children}
      <div ref={box} className="reason-field">
        <TextField
          label={reasonLabel}
          {...(reasonDescription ? { description: reasonDescription } : {})}
          multiline
          rows={3}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setFieldError(null);
            setError(null);
          }}
          isRequired
          validationBehavior="aria"
          error={fieldError}
          autoFocus
          {...(maxLength ? { maxLength } : {})}
        />
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="form-actions">
        <Button variant="quiet" onPress={onCancel} isDisabled={busy}>
          {cancelLabel ?? t('common.cancel')}
        </Button>
        <Button type="submit" variant={tone} isDisabled={busy}>
          {confirmLabel}
        </Button>
      </div>
    </form>
  );
}
