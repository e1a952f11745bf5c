import { useState } from 'react';
import type { BackupSchedule } from '../../../../shared/api/schemas/auth';
import { Dialog, Heading, Input, Label, Modal, ModalOverlay, NumberField, Switch, Group } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { useJob } from '../../api/useJob';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { JobProgress } from '../../components/ui/JobProgress';
import { PathField } from '../../components/ui/PathField';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { useCan, useSession } from '../auth/SessionContext';

export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const canSettings = useCan('settings:write');
  const canRestore = useCan('vault:restore');
  const schedule = useCall('backup.getSchedule', {});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const job = useJob();
  const loaded = schedule.data;

  const runNow = async () => {
    setRunning(true);
    setMessage(null);
    try {
      const result = await call('backup.run', { jobId: job.jobId() });
      setMessage({ tone: 'success', text: t('admin.backup.done', { file: result.file, size: formatBytes(result.bytes, i18n.language) }) });
      schedule.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    } finally {
      setRunning(false);
      job.reset();
    }
  };

  return (
    <div className="panel">
      <h2>{t('admin.backup.title')}</h2>
      <p className="hint">{t('admin.backup.intro')}</p>
      {canSettings && loaded ? (
        <ScheduleForm
          initial={loaded}
          onSaved={(text, tone) => {
            setMessage({ tone, text });
            schedule.reload();
          }}
        />
      ) : null}
      <div className="backup-status">
        {loaded?.lastAt ? (
          <p>{t('admin.backup.last', { when: formatDateTime(loaded.lastAt, i18n.language), file: loaded.lastFile ?? '' })}</p>
        ) : (
          <p>{t('admin.backup.never')}</p>
        )}
        {loaded?.lastError ? <Alert tone="warning">{t('admin.backup.lastFailed', { reason: t(`errors.${loaded.lastError}`) })}</Alert> : null}
      </div>
      {running ? <JobProgress progress={job.progress} label={t('admin.backup.running')} /> : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button variant="primary" onPress={() => void runNow()} isDisabled={running || !loaded?.folder}>
          {t('admin.backup.runNow')}
        </Button>
        {canRestore ? <RestoreButton /> : null}
      </div>
    </div>
  );
}

function ScheduleForm({ initial, onSaved }: { initial: BackupSchedule; onSaved(text: string, tone: 'success' | 'error'): void }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [folder, setFolder] = useState(initial.folder);
  const [keep, setKeep] = useState(initial.keep);
  const save = async () => {
    try {
      await call('backup.setSchedule', { enabled, folder, keep });
      onSaved(t('admin.backup.savedSchedule'), 'success');
    } catch (e) {
      onSaved(messageOf(t, e), 'error');
    }
  };
  return (
    <div className="form">
      <Switch isSelected={enabled} onChange={setEnabled} className="switch">
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {t('admin.backup.daily')}
      </Switch>
      <PathField label={t('admin.backup.folder')} description={t('admin.backup.folderHint')} value={folder} onChange={setFolder} mode="folder" purpose="backupFolder" />
      <NumberField value={keep} onChange={setKeep} minValue={1} maxValue={365} className="field field-narrow">
        <Label className="field-label">{t('admin.backup.keep')}</Label>
        <Group className="number-group">
          <Input className="field-input" />
        </Group>
      </NumberField>
      <div className="form-actions">
        <Button onPress={() => void save()}>{t('common.save')}</Button>
      </div>
    </div>
  );
}

function RestoreButton() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob();

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('backup.restore', { file, password, jobId: job.jobId() });
      setOpen(false);
      await refresh();
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="danger" onPress={() => setOpen(true)}>
        {t('admin.restore.open')}
      </Button>
      <ModalOverlay className="modal-overlay" isOpen={open} onOpenChange={setOpen} isDismissable={!busy}>
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title">{t('admin.restore.title')}</Heading>
            <Alert tone="warning">{t('admin.restore.warning')}</Alert>
            <div className="form">
              <PathField label={t('admin.restore.file')} description={t('admin.restore.fileHint')} value={file} onChange={setFile} isRequired mode="open" purpose="restoreFile" />
              <TextField label={t('admin.restore.password')} type="password" value={password} onChange={setPassword} isRequired autoComplete="current-password" />
              {busy ? <JobProgress progress={job.progress} label={t('admin.restore.running')} /> : null}
              {error ? <Alert tone="error">{error}</Alert> : null}
              <div className="form-actions">
                <Button variant="quiet" onPress={() => setOpen(false)} isDisabled={busy}>
                  {t('common.cancel')}
                </Button>
                <Button variant="danger" onPress={() => void restore()} isDisabled={busy || !file || !password}>
                  {t('admin.restore.confirm')}
                </Button>
              </div>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}
