import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useJob } from '../../api/useJob';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { JobProgress } from '../../components/ui/JobProgress';
import { RecoveryKeyPanel } from '../auth/RecoveryKeyPanel';
import { useCurrentSession, useSession } from '../auth/SessionContext';

type Rotated = Output<'vault.rotate'>;

/**
 * "Rotate the office key" (issue 13): a new database key and recovery key; everyone keeps her
 * password, copies of old keyrings and a disabled user's entry open nothing. The new recovery
 * key is shown once, with its sheet. `openSignal` (a counter) opens the confirmation from elsewhere
 * (the offer after disabling a user).
 */
export function RotationPanel({ openSignal = 0 }: { openSignal?: number }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const { phase, refresh } = useSession();
  const officeName = 'officeName' in phase ? (phase.officeName ?? '') : '';
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob();

  // A new signal opens the confirmation (state adjusted while rendering, as React recommends).
  const [seenSignal, setSeenSignal] = useState(openSignal);
  if (openSignal !== seenSignal) {
    setSeenSignal(openSignal);
    setConfirming(true);
  }

  const rotate = async () => {
    setConfirming(false);
    setRunning(true);
    setError(null);
    try {
      setRotated(await call('vault.rotate', { jobId: job.jobId() }));
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setRunning(false);
      job.reset();
    }
  };

  const finish = () => {
    setRotated(null);
    // The session's "rotation recommended" is cleared now: the banner goes.
    void refresh('reload');
  };

  return (
    <div className="panel" id="rotation">
      <h2>{t('admin.rotation.title')}</h2>
      <p className="hint">{t('admin.rotation.intro')}</p>
      {session.rotationRecommended ? <Alert tone="warning">{t(`admin.rotation.recommended.${session.rotationRecommended.reason}`)}</Alert> : null}
      {running ? <JobProgress progress={job.progress} label={t('admin.rotation.running')} /> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {rotated ? (
        <>
          <Alert tone="success">{t('admin.rotation.done', { count: rotated.rewrapped })}</Alert>
          {rotated.needPassword.length > 0 ? <Alert tone="warning">{t('admin.rotation.needPassword', { names: rotated.needPassword.join(', ') })}</Alert> : null}
          <RecoveryKeyPanel recoveryKey={rotated.recoveryKey} officeName={officeName} sheetToken={rotated.sheetToken} />
          <div className="form-actions form-actions-start">
            <Button variant="primary" onPress={finish}>
              {t('admin.rotation.saved')}
            </Button>
          </div>
        </>
      ) : (
        <div className="form-actions form-actions-start">
          <Button variant="primary" onPress={() => setConfirming(true)} isDisabled={running}>
            {t('admin.rotation.rotate')}
          </Button>
        </div>
      )}
      <ModalOverlay className="modal-overlay" isOpen={confirming} onOpenChange={setConfirming} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            <Heading slot="title">{t('admin.rotation.confirmTitle')}</Heading>
            <ul>
              <li>{t('admin.rotation.confirm1')}</li>
              <li>{t('admin.rotation.confirm2')}</li>
              <li>{t('admin.rotation.confirm3')}</li>
            </ul>
            <div className="form-actions">
              <Button onPress={() => setConfirming(false)}>{t('common.cancel')}</Button>
              <Button variant="primary" onPress={() => void rotate()}>
                {t('admin.rotation.rotateNow')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}
