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
import { ReportDialog } from './ReportDialog';

type Dialogs = 'requestClosure' | 'approveClosure' | 'refuseClosure' | 'closeDirect' | 'reopen' | null;

/** Lifecycle (next stage, closure with a supervisor's approval, reopening) and assignment. */
export function CaseActions({ file, onChanged }: { file: CaseFile; onChanged(): void }) {
  const { t } = useTranslation();
  const c = file.case;
  const canWrite = useCan('case:write');
  const canApprove = useCan('case:approve');
  const staff = useCall('cases.staff', {}, canApprove);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<string>(c.status);
  const [report, setReport] = useState(false);
  const closed = c.status === 'closed';

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setDialog(null);
      setReason('');
      onChanged();
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  if (!canWrite) return null;
  return (
    <div className="case-actions">
      <ReportDialog
        caseId={c.id}
        reopen={closed}
        isOpen={report}
        onClose={() => setReport(false)}
        onSaved={() => {
          setReport(false);
          onChanged();
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
          <Button isDisabled={stage === c.status} onPress={() => void run(() => call('cases.transition', { caseId: c.id, to: stage as (typeof OPEN_STATUSES)[number] }))}>
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
              onChange={(id) => id !== null && id !== c.responsible.id && void run(() => call('cases.assign', { caseId: c.id, responsibleUserId: id }))}
              options={(staff.data ?? []).filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin')).map((s) => ({ id: s.id, label: s.displayName }))}
            />
          ) : null}
        </div>
      ) : null}
      {error && dialog === null ? <Alert tone="error">{error}</Alert> : null}
      <ModalOverlay className="modal-overlay" isOpen={dialog !== null} onOpenChange={(open) => !open && setDialog(null)} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title">{dialog ? t(`cases.dialog.${dialog}`) : ''}</Heading>
            <TextField
              label={t('cases.reason')}
              multiline
              rows={4}
              value={reason}
              onChange={setReason}
              isRequired={dialog !== 'approveClosure'}
              autoFocus
              description={dialog === 'requestClosure' ? t('cases.requestClosureHint') : undefined}
            />
            {error ? <Alert tone="error">{error}</Alert> : null}
            <div className="form-actions">
              <Button variant="quiet" onPress={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                variant="primary"
                onPress={() =>
                  void run(() => {
                    if (dialog === 'requestClosure') return call('cases.requestClosure', { caseId: c.id, reason });
                    if (dialog === 'refuseClosure') return call('cases.refuseClosure', { caseId: c.id, reason });
                    return call('cases.approveClosure', reason ? { caseId: c.id, reason } : { caseId: c.id });
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
