/**
 * Printing a document: a dialog that asks what the document needs (the
 * caller's fields), the language and, for a PDF that leaves the office, a
 * password; then follows the job's progress (job.progress) and shows the PDF
 * (preview, save, print) with its document number. Closing while it renders
 * cancels the job.
 */
import { FileText } from 'lucide-react';
import { useRef, useState, type ReactNode } from 'react';
import { Checkbox, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DocumentResult } from '../../../../shared/api/methods/documents';
import { generatePassphrase } from '../../../../shared/auth/passphrase';
import { isLanguage, LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useJob } from '../../api/useJob';
import { PdfPreview } from '../../components/PdfPreview';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { JobProgress } from '../../components/ui/JobProgress';
import { Select } from '../../components/ui/Select';
import { useOfficePasswordNames, useSession } from '../auth/SessionContext';

export interface PrintRequest {
  language: Language;
  password?: string;
  jobId: string;
}

const MIN_PASSWORD = 8;

export function PrintDialog({
  isOpen,
  onClose,
  title,
  fileName,
  print,
  invalid,
  children,
}: {
  isOpen: boolean;
  onClose(): void;
  title: string;
  /** File name offered when saving, without ".pdf" (the document number is added). */
  fileName: string;
  print(request: PrintRequest): Promise<DocumentResult>;
  /** A reason the caller's fields are not ready (shown, and printing waits), or null. */
  invalid?: () => string | null;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const job = useJob();
  // A suggested passphrase must pass the core's check: not "kartal-…" in a Kartal office.
  const { phase } = useSession();
  const office = useOfficePasswordNames();
  const me = phase.kind === 'ready' ? phase.session.user : null;
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'tr');
  const [protect, setProtect] = useState(false);
  const [password, setPassword] = useState('');
  /** A passphrase Kalkan suggested: shown in this dialog only, never stored; cleared on close. */
  const [generated, setGenerated] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [result, setResult] = useState<DocumentResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The job whose answer is awaited; closing the dialog forgets it, so a late answer is ignored. */
  const awaited = useRef<string | null>(null);
  const passwordError = protect && password.length > 0 && password.length < MIN_PASSWORD ? t('documents.ui.passwordShort', { min: MIN_PASSWORD }) : null;

  const close = () => {
    if (running) void call('jobs.cancel', { jobId: running }).catch(() => undefined);
    awaited.current = null;
    setRunning(null);
    setResult(null);
    setError(null);
    setPassword('');
    setGenerated(null);
    setProtect(false);
    job.reset();
    onClose();
  };

  const submit = async () => {
    const problem = invalid?.() ?? (protect && password.length < MIN_PASSWORD ? t('documents.ui.passwordShort', { min: MIN_PASSWORD }) : null);
    setError(problem);
    if (problem) return;
    const jobId = job.jobId();
    awaited.current = jobId;
    setRunning(jobId);
    try {
      const done = await print({ language, jobId, ...(protect ? { password } : {}) });
      if (awaited.current === jobId) setResult(done);
    } catch (e) {
      if (awaited.current === jobId) setError(messageOf(t, e));
    } finally {
      if (awaited.current === jobId) setRunning(null);
    }
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && close()} isDismissable={!running}>
      <Modal className={`modal ${result ? 'modal-wide' : ''}`}>
        <Dialog className="dialog print-dialog">
          <Heading slot="title">{title}</Heading>
          {result ? (
            <>
              <PdfPreview result={result} fileName={`${fileName}-${result.documentNumber}.pdf`} title={title} frame={!protect} />
              {protect ? <Alert tone="info">{t('documents.ui.protectedNote')}</Alert> : null}
              {protect && generated === password ? <GeneratedPassphrase phrase={generated} /> : null}
              <div className="form-actions">
                <Button variant="primary" onPress={close}>
                  {t('documents.ui.close')}
                </Button>
              </div>
            </>
          ) : (
            <form
              className="print-form"
              onSubmit={(event) => {
                event.preventDefault();
                void submit();
              }}
            >
              {children}
              <Select
                label={t('documents.ui.language')}
                value={language}
                onChange={(value) => isLanguage(value) && setLanguage(value)}
                options={LANGUAGES.map((l) => ({ id: l, label: t(`documents.ui.languageName.${l}`) }))}
              />
              <Checkbox isSelected={protect} onChange={setProtect} className="checkbox" isDisabled={Boolean(running)}>
                <span className="checkbox-box" aria-hidden="true" />
                {t('documents.ui.protect')}
              </Checkbox>
              {protect ? (
                <TextField
                  label={t('documents.ui.password')}
                  type="password"
                  value={password}
                  onChange={(value) => {
                    setPassword(value);
                    if (value !== generated) setGenerated(null);
                  }}
                  isRequired
                  validationBehavior="aria"
                  autoComplete="new-password"
                  description={t('documents.ui.passwordHint', { min: MIN_PASSWORD })}
                  error={passwordError}
                />
              ) : null}
              {protect ? (
                <div className="form-actions form-actions-start">
                  <Button
                    onPress={() => {
                      const phrase = generatePassphrase({ ...(me ? { username: me.username, displayName: me.displayName } : {}), ...office });
                      setGenerated(phrase);
                      setPassword(phrase);
                    }}
                    isDisabled={Boolean(running)}
                  >
                    {t('documents.ui.suggestPassphrase')}
                  </Button>
                </div>
              ) : null}
              {protect && generated !== null && generated === password ? <GeneratedPassphrase phrase={generated} /> : null}
              {running ? <JobProgress progress={job.progress} label={t('documents.ui.running')} /> : null}
              {error ? <Alert tone="error">{error}</Alert> : null}
              <div className="form-actions">
                <Button variant="quiet" onPress={close}>
                  {t('common.cancel')}
                </Button>
                <Button variant="primary" type="submit" isDisabled={Boolean(running)}>
                  <FileText aria-hidden="true" size={16} /> {t('documents.ui.create')}
                </Button>
              </div>
            </form>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The suggested passphrase, readable, with the advice to pass it on by another channel. */
function GeneratedPassphrase({ phrase }: { phrase: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info passphrase-box" role="status">
      <p>{t('documents.ui.passphraseShown')}</p>
      <p className="passphrase" data-testid="generated-passphrase">
        <code>{phrase}</code>
      </p>
    </div>
  );
}
