import { Send } from 'lucide-react';
import { useState } from 'react';
import { Checkbox, CheckboxGroup, Dialog, Heading, Label, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/api/contract';
import type { CaseFile, CaseFileParts } from '../../../../shared/api/schemas/cases';
import { TRANSFER_SECTIONS, type CaseTransfers, type OfficeRef, type TransferRequest, type TransferSection } from '../../../../shared/api/schemas/transfers';
import { call } from '../../api/client';
import { hostDialogs } from '../../api/host';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { PathField } from '../../components/ui/PathField';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { partsOf, type FileChange } from '../cases/caseFileUpdates';
import { DecideTransferDialog } from './DecideTransferDialog';
import { SectionList } from './SectionList';

/**
 * The case file's transfer part (issue 17): where the case came from (received by transfer), the
 * state of a request to send it, a supervisor's approve / reject, and "Transfer to another office".
 * Each write's reply carries the case's transfer state and what it changed of the file (`onChange`):
 * nothing is loaded again (issue 12).
 */
export function CaseTransferPanel({ file, onChange }: { file: CaseFile; onChange(change: FileChange): void }) {
  const { t, i18n } = useTranslation();
  const c = file.case;
  const transfers = useCall('transfers.forCase', { caseId: c.id });
  const canWrite = useCan('case:write');
  const canApprove = useCan('case:approve');
  const [open, setOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ request: TransferRequest; decision: 'approve' | 'reject' } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = transfers.data;
  if (!data) return null;
  const pending = data.requests.find((r) => r.state === 'pending') ?? null;
  const approved = data.requests.find((r) => r.state === 'approved') ?? null;
  const lastRejected = data.requests[0]?.state === 'rejected' ? data.requests[0] : null;
  const changed = (reply: { caseTransfers: CaseTransfers; parts?: CaseFileParts | undefined }) => {
    transfers.update(() => reply.caseTransfers);
    onChange(partsOf(reply));
  };
  const when = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <div className="transfer-panel">
      {data.received.map((r) => (
        <Alert key={r.transferId} tone="info">
          {t(r.merged ? 'transfers.receivedMerged' : 'transfers.receivedNew', { office: r.sender.office || '—', fingerprint: r.sender.fingerprint, when: when(r.receivedAt), name: r.receivedBy.displayName })}{' '}
          {t('transfers.receivedCounts', { notes: r.notes, assessments: r.assessments, attachments: r.attachments, referrals: r.referrals })}
        </Alert>
      ))}
      {approved ? <Alert tone="info">{t('transfers.sentInfo', { office: approved.receiver.office || approved.receiver.fingerprint, when: when(approved.decidedAt ?? approved.requestedAt), name: approved.decidedBy?.displayName ?? '' })}</Alert> : null}
      {pending ? (
        <Alert tone="warning">
          {t('transfers.pendingInfo', { office: pending.receiver.office || '—', fingerprint: pending.receiver.fingerprint, name: pending.requestedBy.displayName, when: when(pending.requestedAt) })}{' '}
          <SectionList sections={pending.sections} attachments={pending.attachmentIds.length} />
          {canApprove ? (
            <span className="inline-actions">
              {' '}
              <Button variant="primary" onPress={() => setDeciding({ request: pending, decision: 'approve' })}>
                {t('transfers.approve')}
              </Button>{' '}
              <Button onPress={() => setDeciding({ request: pending, decision: 'reject' })}>{t('transfers.reject')}</Button>
            </span>
          ) : null}
        </Alert>
      ) : null}
      {lastRejected && !pending ? <Alert tone="warning">{t('transfers.rejectedInfo', { name: lastRejected.decidedBy?.displayName ?? '', when: when(lastRejected.decidedAt ?? lastRejected.requestedAt), reason: lastRejected.reason ?? '' })}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      {canWrite && c.status !== 'closed' && !pending && !approved ? (
        <Button onPress={() => setOpen(true)}>
          <Send aria-hidden="true" size={16} /> {t('transfers.start')}
        </Button>
      ) : null}
      <RequestDialog
        file={file}
        isOpen={open}
        onClose={() => setOpen(false)}
        onSent={(reply) => {
          setOpen(false);
          setDone(t('transfers.requested'));
          changed(reply);
        }}
      />
      <DecideTransferDialog
        request={deciding?.request ?? null}
        decision={deciding?.decision ?? 'approve'}
        onClose={() => setDeciding(null)}
        onDone={(message, reply) => {
          setDeciding(null);
          setDone(message);
          changed(reply);
        }}
      />
    </div>
  );
}

/** The caseworker's request: sections and attachments ticked, the receiving office's key file, its fingerprint to read aloud. */
function RequestDialog({ file, isOpen, onClose, onSent }: { file: CaseFile; isOpen: boolean; onClose(): void; onSent(reply: Output<'transfers.request'>): void }) {
  const { t } = useTranslation();
  const attachments = useCall('attachments.list', { caseId: file.case.id }, isOpen);
  const [sections, setSections] = useState<string[]>([...TRANSFER_SECTIONS]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [keyFile, setKeyFile] = useState('');
  const [receiver, setReceiver] = useState<OfficeRef | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = (attachments.data?.items ?? []).filter((a) => !a.deleted);
  const picked = chosen ?? ready.map((a) => String(a.id));

  const reset = () => {
    setSections([...TRANSFER_SECTIONS]);
    setChosen(null);
    setKeyFile('');
    setReceiver(null);
    setConfirmed(false);
    setError(null);
  };
  const readKey = async (path: string) => {
    setReceiver(null);
    setConfirmed(false);
    setError(null);
    if (!path.trim()) return;
    try {
      setReceiver(await call('transfers.readKeyFile', { path }));
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  const submit = async () => {
    setError(null);
    try {
      const reply = await call('transfers.request', { caseId: file.case.id, sections: sections as TransferSection[], attachmentIds: picked.map(Number), keyFile });
      reset();
      onSent(reply);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(o) => {
        if (!o) {
          reset();
          onClose();
        }
      }}
      isDismissable
    >
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{t('transfers.title', { case: file.case.caseNumber })}</Heading>
          <p className="hint">{t('transfers.intro')}</p>
          <CheckboxGroup value={sections} onChange={setSections} className="checkbox-group">
            <Label>{t('transfers.sections')}</Label>
            <p className="hint">{t('transfers.alwaysSentHint')}</p>
            {TRANSFER_SECTIONS.map((s) => (
              <Checkbox key={s} value={s} className="checkbox">
                <span className="checkbox-box" aria-hidden="true" />
                {t(`transfers.section.${s}`)}
              </Checkbox>
            ))}
          </CheckboxGroup>
          <CheckboxGroup value={picked} onChange={setChosen} className="checkbox-group">
            <Label>{t('transfers.attachments')}</Label>
            {ready.length === 0 ? <p className="hint">{t('transfers.noAttachments')}</p> : null}
            {ready.map((a) => (
              <Checkbox key={a.id} value={String(a.id)} className="checkbox">
                <span className="checkbox-box" aria-hidden="true" />
                {a.fileName}
              </Checkbox>
            ))}
          </CheckboxGroup>
          <div className="inline-form wide-path">
            <PathField
              label={t('transfers.keyFile')}
              description={t('transfers.keyFileHint')}
              value={keyFile}
              onChange={(path) => {
                setKeyFile(path);
                setReceiver(null);
                setConfirmed(false);
                // In the app the path comes from the dialog: read it at once.
                if (hostDialogs()) void readKey(path);
              }}
              mode="open"
              purpose="transferKey"
              isRequired
            />
            {hostDialogs() ? null : (
              <Button isDisabled={!keyFile.trim()} onPress={() => void readKey(keyFile)}>
                {t('transfers.readKey')}
              </Button>
            )}
          </div>
          {receiver ? (
            <div className="panel fingerprint-box" aria-live="polite">
              <p>
                {t('transfers.receiver')}: <strong>{receiver.office || '—'}</strong>
              </p>
              <p>
                {t('transfers.fingerprintReadAloud')}: <strong className="fingerprint">{receiver.fingerprint}</strong>
              </p>
              <Checkbox className="checkbox" isSelected={confirmed} onChange={setConfirmed}>
                <span className="checkbox-box" aria-hidden="true" />
                {t('transfers.fingerprintConfirmed')}
              </Checkbox>
            </div>
          ) : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button
              variant="quiet"
              onPress={() => {
                reset();
                onClose();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button variant="primary" isDisabled={!receiver || !confirmed} onPress={() => void submit()}>
              {t('transfers.ask')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
