import { useState, type FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { codeOf, messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { SearchPicker, SuggestField } from '../../components/ui/SearchPicker';
import { districtsOf, PROVINCES } from '../../../../shared/geo/provinces';
import { PasswordStrength } from '../../components/ui/PasswordStrength';
import { PathField } from '../../components/ui/PathField';
import { usePasswordCheck } from '../../components/ui/usePasswordCheck';
import { AuthLayout } from './AuthLayout';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useSession } from './SessionContext';

const PROVINCE_OPTIONS = PROVINCES.map((p) => ({ id: p.name, label: p.name }));

/** First start: create the encrypted vault and the administrator; show the recovery key once. */
export function SetupPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [form, setForm] = useState({ officeName: '', province: '', district: '', displayName: '', username: '', password: '', repeat: '', backupFolder: '' });
  const [provinceMissing, setProvinceMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [sheetToken, setSheetToken] = useState<string | undefined>(undefined);
  const [stored, setStored] = useState(false);

  const check = usePasswordCheck(form.password, { username: form.username, displayName: form.displayName, officeName: form.officeName, places: [form.province, form.district] });
  const mismatch = form.repeat.length > 0 && form.repeat !== form.password;
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.province) {
      setProvinceMissing(true);
      return;
    }
    if (!check?.ok || mismatch || !form.repeat) {
      setError(t(mismatch || !form.repeat ? 'errors.password.mismatch' : `errors.password.${check?.problems[0] ?? 'tooShort'}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey: key, sheetToken: token } = await call('setup.create', {
        officeName: form.officeName,
        province: form.province,
        ...(form.district.trim() ? { district: form.district.trim() } : {}),
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        ...(form.backupFolder.trim() ? { backupFolder: form.backupFolder.trim() } : {}),
      });
      setRecoveryKey(key);
      setSheetToken(token);
    } catch (e) {
      setError(messageOf(t, e));
      if (codeOf(e) === 'vault.exists') window.location.reload();
    } finally {
      setBusy(false);
    }
  };

  const finish = async () => {
    setBusy(true);
    try {
      const session = await call('auth.signIn', { username: form.username, password: form.password });
      signedIn(session);
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  if (recoveryKey) {
    return (
      <AuthLayout title={t('setup.recoveryTitle')} subtitle={t('setup.recoveryIntro')} wide>
        <RecoveryKeyPanel recoveryKey={recoveryKey} officeName={form.officeName} sheetToken={sheetToken} />
        <Checkbox className="checkbox" isSelected={stored} onChange={setStored}>
          <span className="checkbox-box" aria-hidden="true" />
          {t('setup.recoveryStored')}
        </Checkbox>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="form-actions">
          <Button variant="primary" isDisabled={!stored || busy} onPress={() => void finish()}>
            {t('setup.continue')}
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')}>
      <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
        <TextField label={t('setup.officeName')} description={t('setup.officeNameHint')} value={form.officeName} onChange={set('officeName')} isRequired autoFocus />
        <div className="grid-fields">
          <SearchPicker
            label={t('setup.province')}
            description={t('setup.provinceHint')}
            placeholder={t('setup.provincePlaceholder')}
            options={PROVINCE_OPTIONS}
            value={form.province || null}
            onChange={(province) => {
              setForm((f) => ({ ...f, province: province ?? '', district: province === f.province ? f.district : '' }));
              setProvinceMissing(false);
            }}
            error={provinceMissing ? t('setup.provinceRequired') : null}
            isRequired
          />
          <SuggestField label={t('setup.district')} description={t('setup.districtHint')} options={[...districtsOf(form.province)]} value={form.district} onChange={set('district')} />
        </div>
        <TextField label={t('setup.displayName')} value={form.displayName} onChange={set('displayName')} isRequired autoComplete="name" />
        <TextField label={t('auth.username')} description={t('setup.usernameHint')} value={form.username} onChange={set('username')} isRequired autoComplete="username" />
        <TextField label={t('auth.newPassword')} type="password" value={form.password} onChange={set('password')} isRequired autoComplete="new-password" description={t('auth.passwordPolicy')} />
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
        <PathField label={t('setup.backupFolder')} description={t('setup.backupFolderHint')} value={form.backupFolder} onChange={set('backupFolder')} mode="folder" purpose="backupFolder" />
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" isDisabled={busy}>
            {busy ? t('setup.creating') : t('setup.create')}
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
