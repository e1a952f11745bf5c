import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, type CaseFile } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { SearchPicker } from '../../components/ui/SearchPicker';
import { Select } from '../../components/ui/Select';
import { useCan } from '../auth/SessionContext';
import { withCase, type FileChange } from './caseFileUpdates';
import { ReportDialog } from './ReportDialog';

const changedCase =
  (written: Parameters<typeof withCase>[1]): FileChange =>
  (f) =>
    withCase(f, written);

type Dialogs = 'requestClosure' | 'approveClosure' | 'refuseClosure' | 'closeDirect' | 'reopen' | 'handover' | null;

/** Lifecycle (next stage, closure with a supervisor's approval, reopening) and assignment. */
/** `onChange`: the change to the case file, made from each write's reply (no reload). */
export function CaseActions({ file, onChange }: { file: CaseFile; onChange(change: FileChange): void }) {
  const { t } = useTranslation();
  const c = file.case;
  const canWrite = useCan('case:write');
  const canApprove = useCan('case:approve');
  const staff = useCall('cases.staff', {}, canWrite);
  const [handoverTo, setHandoverTo] = useState('');
  const [colleague, setColleague] = useState('');
  const [coworkSent, setCoworkSent] = useState(false);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<string>(c.status);
  const [report, setReport] = useState(false);
  const closed = c.status === 'closed';

  const run = async (work: () => Promise<FileChange | null>) => {
    setError(null);
    try {
      const change = await work();
      setDialog(null);
      setReason('');
      if (change) onChange(change);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  // A case sent to another office takes no stage, report, closure or assignment change here.
  if (!canWrite || c.transferredAt !== null) return null;
  return (
    <div className="case-actions">
      <ReportDialog
        caseId={c.id}
        reopen={closed}
        isOpen={report}
        onClose={() => setReport(false)}
        onSaved={(change) => {
          setReport(false);
          onChange(change);
        }}
      />
      {closed ? (
        <Button variant="primary" onPress={() => setReport(true)}>
          {t('cases.reopen')}
        </Button>
      ) : null}
      {!closed ? (
        <div className="inline-form">
          <Select label={t('cases.stage')} value={stage} onChange={setStage} options={OPEN_STATUSES.map((s) => ({ id: s, label: t(`cases.status.${s}`) }))} />
          <Button isDisabled={stage === c.status} onPress={() => void run(async () => changedCase(await call('cases.transition', { caseId: c.id, to: stage as (typeof OPEN_STATUSES)[number] })))}>
            {t('cases.moveStage')}
          </Button>
          <Button onPress={() => setReport(true)}>{t('cases.newReport')}</Button>
          {c.closurePending ? (
            canApprove ? (
              <>
                <Button variant="primary" onPress={() => setDialog('approveClosure')}>
                  {t('cases.approveClosure')}
                </Button>
                <Button onPress={() => setDialog('refuseClosure')}>{t('cases.refuseClosure')}</Button>
              </>
            ) : null
          ) : canApprove ? (
            <Button variant="danger" onPress={() => setDialog('closeDirect')}>
              {t('cases.close')}
            </Button>
          ) : (
            <Button variant="danger" onPress={() => setDialog('requestClosure')}>
              {t('cases.requestClosure')}
            </Button>
          )}
          {canApprove ? (
            <SearchPicker
              label={t('cases.reassign')}
              value={c.responsible.id}
              onChange={(id) => {
                // A new responsible caseworker starts from a handover note (issue 17).
                if (id === null || id === c.responsible.id) return;
                setHandoverTo(id);
                setReason('');
                setError(null);
                setDialog('handover');
              }}
              options={(staff.data ?? []).filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin')).map((s) => ({ id: s.id, label: s.displayName }))}
            />
          ) : (
            <>
              <Select
                label={t('cowork.colleague')}
                value={colleague}
                onChange={setColleague}
                options={(staff.data ?? [])
                  .filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin') && s.id !== c.responsible.id && !c.coWorkers.some((w) => w.id === s.id))
                  .map((s) => ({ id: s.id, label: s.displayName }))}
              />
              <Button
                isDisabled={!colleague}
                onPress={() =>
                  void run(async () => {
                    await call('cowork.request', { caseId: c.id, colleagueId: colleague });
                    setColleague('');
                    setCoworkSent(true);
                    // A request only: the case file does not change until the colleague accepts.
                    return null;
                  })
                }
              >
                {t('cowork.ask')}
              </Button>
            </>
          )}
        </div>
      ) : null}
      {coworkSent ? <Alert tone="success">{t('cowork.requested')}</Alert> : null}
      {error && dialog === null ? <Alert tone="error">{error}</Alert> : null}
      <ModalOverlay className="modal-overlay" isOpen={dialog !== null} onOpenChange={(open) => !open && setDialog(null)} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title">{dialog === 'handover' ? t('handover.title') : dialog ? t(`cases.dialog.${dialog}`) : ''}</Heading>
            {dialog === 'handover' ? (
              <p>
                {t('handover.to')}: <strong>{staff.data?.find((s) => s.id === handoverTo)?.displayName ?? ''}</strong>
              </p>
            ) : null}
            <TextField
              label={dialog === 'handover' ? t('handover.note') : t('cases.reason')}
              multiline
              rows={4}
              value={reason}
              onChange={setReason}
              isRequired={dialog !== 'approveClosure'}
              autoFocus
              description={dialog === 'requestClosure' ? t('cases.requestClosureHint') : dialog === 'handover' ? t('handover.noteHint') : undefined}
            />
            {error ? <Alert tone="error">{error}</Alert> : null}
            <div className="form-actions">
              <Button variant="quiet" onPress={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                variant="primary"
                onPress={() =>
                  void run(async () => {
                    if (dialog === 'handover') return changedCase(await call('cases.assign', { caseId: c.id, responsibleUserId: handoverTo, handoverNote: reason }));
                    if (dialog === 'requestClosure') return changedCase(await call('cases.requestClosure', { caseId: c.id, reason }));
                    if (dialog === 'refuseClosure') return changedCase(await call('cases.refuseClosure', { caseId: c.id, reason }));
                    return changedCase(await call('cases.approveClosure', reason ? { caseId: c.id, reason } : { caseId: c.id }));
                  })
                }
              >
                {t('common.confirm')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}
