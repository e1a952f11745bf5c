import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_MB_CEILING } from '../../../../shared/api/schemas/attachments';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';

/** The checked limit, or the i18n key of why it is refused (a whole number of MB, 1 … the ceiling). */
export function checkLimit(text: string): { maxMb: number } | { error: 'required' | 'range' } {
  const value = text.trim();
  if (value === '') return { error: 'required' };
  if (!/^\d+$/.test(value)) return { error: 'range' };
  const maxMb = Number(value);
  if (maxMb < 1 || maxMb > ATTACHMENT_MAX_MB_CEILING) return { error: 'range' };
  return { maxMb };
}

/** Administration: the office's per-file attachment limit (issue 17). The change is audited by the router. */
export function AttachmentLimitPanel() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    call('attachments.settings', {})
      .then(({ maxMb }) => live && setText(String(maxMb)))
      .catch((e: unknown) => live && setMessage({ tone: 'error', text: messageOf(t, e) }));
    return () => {
      live = false;
    };
  }, [t]);

  const save = async () => {
    setMessage(null);
    const checked = checkLimit(text);
    if ('error' in checked) {
      setFieldError(t(`admin.attachments.${checked.error}`, { max: ATTACHMENT_MAX_MB_CEILING }));
      return;
    }
    setFieldError(null);
    try {
      const { maxMb } = await call('attachments.setLimit', { maxMb: checked.maxMb });
      setText(String(maxMb));
      setMessage({ tone: 'success', text: t('admin.attachments.saved', { maxMb }) });
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    }
  };

  return (
    <div className="panel">
      <h2>{t('admin.attachments.title')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field-narrow">
          <TextField
            label={t('admin.attachments.maxMb')}
            value={text}
            onChange={(v) => {
              setText(v);
              setFieldError(null);
            }}
            inputMode="numeric"
            maxLength={4}
            error={fieldError}
          />
        </div>
        <p className="hint">{t('admin.attachments.hint', { max: ATTACHMENT_MAX_MB_CEILING })}</p>
        <div className="form-actions form-actions-start">
          <Button variant="primary" type="submit">
            {t('common.save')}
          </Button>
        </div>
      </form>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
