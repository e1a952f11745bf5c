import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { useOfficePasswordNames } from './SessionContext';
import { PasswordStrength } from '../../components/ui/PasswordStrength';
import { usePasswordCheck } from '../../components/ui/usePasswordCheck';

export function ChangePasswordForm({ username, displayName, onDone, onCancel }: { username: string; displayName: string; onDone(): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const office = useOfficePasswordNames();
  const check = usePasswordCheck(form.next, { username, displayName, ...office });
  const mismatch = form.repeat.length > 0 && form.repeat !== form.next;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch || !form.repeat) return setError(t('errors.password.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await call('auth.changePassword', { current: form.current, next: form.next });
      onDone();
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
      <TextField label={t('auth.currentPassword')} type="password" value={form.current} onChange={set('current')} isRequired autoComplete="current-password" autoFocus />
      <TextField label={t('auth.newPassword')} type="password" value={form.next} onChange={set('next')} isRequired autoComplete="new-password" description={t('auth.passwordPolicy')} />
      <PasswordStrength check={check} />
      <TextField
        label={t('auth.repeatPassword')}
        type="password"
        value={form.repeat}
        onChange={set('repeat')}
        isRequired
        autoComplete="new-password"
        error={mismatch ? t('errors.password.mismatch') : null}
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="form-actions">
        {onCancel ? (
          <Button variant="quiet" onPress={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
        <Button type="submit" variant="primary" isDisabled={busy}>
          {t('auth.changePassword')}
        </Button>
      </div>
    </Form>
  );
}
