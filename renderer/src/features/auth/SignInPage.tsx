import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { PasswordStrength } from '../../components/ui/PasswordStrength';
import { usePasswordCheck } from '../../components/ui/usePasswordCheck';
import { AuthLayout } from './AuthLayout';
import { useSession, type LockNotice } from './SessionContext';

export function SignInPage({ officeName, notice }: { officeName: string | null; notice: LockNotice }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'signIn' | 'recover'>('signIn');
  const [recovered, setRecovered] = useState(false);
  const title = officeName ?? t('app.name');

  if (mode === 'recover') {
    return (
      <RecoverForm
        title={title}
        onDone={() => {
          setRecovered(true);
          setMode('signIn');
        }}
        onCancel={() => setMode('signIn')}
      />
    );
  }
  return (
    <AuthLayout title={title} subtitle={t('signIn.subtitle')}>
      {recovered ? <Alert tone="success">{t('signIn.recovered')}</Alert> : notice && notice !== 'user' ? <Alert tone="info">{t(`signIn.locked.${notice}`)}</Alert> : null}
      <SignInForm />
      <Button variant="quiet" className="auth-link" onPress={() => setMode('recover')}>
        {t('signIn.forgot')}
      </Button>
    </AuthLayout>
  );
}

function SignInForm() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // The error itself, translated when shown: switching the language translates it again.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await call('auth.signIn', { username, password }));
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
      <TextField label={t('auth.username')} value={username} onChange={setUsername} isRequired autoComplete="username" autoFocus />
      <TextField label={t('auth.password')} type="password" value={password} onChange={setPassword} isRequired autoComplete="current-password" />
      {error ? <Alert tone="error">{messageOf(t, error)}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" isDisabled={busy || !username || !password}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </Button>
      </div>
    </Form>
  );
}

function RecoverForm({ title, onDone, onCancel }: { title: string; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ recoveryKey: '', username: '', password: '', repeat: '' });
  // The error itself, translated when shown: switching the language translates it again.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const check = usePasswordCheck(form.password, { username: form.username });
  const mismatch = form.repeat.length > 0 && form.repeat !== form.password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return setError(new ApiError({ code: 'password.mismatch' }));
    setBusy(true);
    setError(null);
    try {
      await call('auth.recover', { recoveryKey: form.recoveryKey, username: form.username, newPassword: form.password });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={title} subtitle={t('recover.intro')}>
      <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
        <TextField label={t('recover.key')} description={t('recover.keyHint')} value={form.recoveryKey} onChange={set('recoveryKey')} isRequired autoFocus />
        <TextField label={t('auth.username')} value={form.username} onChange={set('username')} isRequired autoComplete="username" />
        <TextField label={t('auth.newPassword')} type="password" value={form.password} onChange={set('password')} isRequired autoComplete="new-password" />
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
        {error ? <Alert tone="error">{messageOf(t, error)}</Alert> : null}
        <div className="form-actions">
          <Button variant="quiet" onPress={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" isDisabled={busy}>
            {t('recover.submit')}
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
