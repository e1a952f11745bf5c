import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CaseFileParts } from '../../../../shared/api/schemas/cases';
import type { CaseTransfers, TransferRequest } from '../../../../shared/api/schemas/transfers';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { ReasonDialog } from '../../components/ReasonDialog';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { PathField } from '../../components/ui/PathField';
import { SectionList } from './SectionList';

/**
 * A supervisor's decision on a transfer request (issue 17): approve — the encrypted, signed
 * .kcase is written where the supervisor chooses and the case becomes read-only here — or
 * reject with a reason (the shared ReasonDialog). `onDone` also gets what the decision changed on
 * the case page: its transfer state and the slices of the case file (issue 12: the case page
 * merges them).
 */
export function DecideTransferDialog({ request, decision, onClose, onDone }: { request: TransferRequest | null; decision: 'approve' | 'reject'; onClose(): void; onDone: DecisionDone }) {
  const { t } = useTranslation();
  if (decision === 'approve') return <ApproveTransferDialog request={request} onClose={onClose} onDone={onDone} />;
  return (
    <ReasonDialog
      isOpen={request !== null}
      title={t('transfers.rejectTitle', { case: request?.caseNumber ?? '' })}
      reasonLabel={t('transfers.rejectReason')}
      confirmLabel={t('transfers.reject')}
      onCancel={onClose}
      onConfirm={async (reason) => {
        if (!request) return;
        const rejected = await call('transfers.reject', { caseId: request.caseId, requestId: request.id, reason });
        onDone(t('transfers.rejected', { case: request.caseNumber }), rejected);
      }}
    >
      {request ? <TransferFacts request={request} /> : null}
    </ReasonDialog>
  );
}

/** The decision made: its message, and what it changed on the case page (the transfer state, the file's slices). */
type DecisionDone = (message: string, changed: { caseTransfers: CaseTransfers; parts?: CaseFileParts | undefined }) => void;

/** Who asked for what to go where (the key's fingerprint to compare). */
function TransferFacts({ request }: { request: TransferRequest }) {
  const { t } = useTranslation();
  return (
    <dl className="transfer-facts">
      <dt>{t('transfers.receiver')}</dt>
      <dd>{request.receiver.office || '—'}</dd>
      <dt>{t('transfers.fingerprint')}</dt>
      <dd className="fingerprint">{request.receiver.fingerprint}</dd>
      <dt>{t('transfers.requestedBy')}</dt>
      <dd>{request.requestedBy.displayName}</dd>
      <dt>{t('transfers.whatGoes')}</dt>
      <dd>
        <SectionList sections={request.sections} attachments={request.attachmentIds.length} />
      </dd>
    </dl>
  );
}

function ApproveTransferDialog({ request, onClose, onDone }: { request: TransferRequest | null; onClose(): void; onDone: DecisionDone }) {
  const { t } = useTranslation();
  const [out, setOut] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setOut('');
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!request) return;
    setError(null);
    setBusy(true);
    try {
      const sent = await call('transfers.approve', { caseId: request.caseId, requestId: request.id, out });
      onDone(t('transfers.approved', { case: sent.caseNumber, office: sent.receiver.office || sent.receiver.fingerprint, file: sent.path }), sent);
      setOut('');
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };
  const fileName = request ? `${request.caseNumber.replace(/[^0-9A-Za-z-]+/g, '-')}.kcase` : 'vaka.kcase';
  return (
    <ModalOverlay className="modal-overlay" isOpen={request !== null} onOpenChange={(open) => !open && close()} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('transfers.approveTitle', { case: request?.caseNumber ?? '' })}</Heading>
          {request ? <TransferFacts request={request} /> : null}
          <p className="hint">{t('transfers.approveHint')}</p>
          <PathField label={t('transfers.outFile')} description={t('transfers.outFileHint')} value={out} onChange={setOut} mode="save" purpose="transferFile" defaultName={fileName} isRequired />
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={close}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" isDisabled={busy || !out.trim()} onPress={() => void submit()}>
              {t('transfers.approve')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
