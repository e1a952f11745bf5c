import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { PathField } from '../../components/ui/PathField';

/**
 * Administration → "Transfer key" (issue 17): the office's transfer key fingerprint, and its public
 * part written as a short file (OFFICE.pub) to give to an office that will send cases here.
 */
export function TransferKeyPanel() {
  const { t } = useTranslation();
  const key = useCall('transfers.officeKey', {});
  const [path, setPath] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportKey = async () => {
    setError(null);
    setDone(null);
    try {
      const written = await call('transfers.exportOfficeKey', { path });
      setDone(t('transfers.key.written', { file: written.path }));
      setPath('');
      key.reload();
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <section className="panel" aria-labelledby="transfer-key-title">
      <h2 id="transfer-key-title">
        <KeyRound aria-hidden="true" size={18} /> {t('transfers.key.title')}
      </h2>
      <p className="hint">{t('transfers.key.intro')}</p>
      {key.data ? (
        key.data.fingerprint ? (
          <p>
            {t('transfers.fingerprintReadAloud')}: <strong className="fingerprint">{key.data.fingerprint}</strong>
          </p>
        ) : (
          <p className="hint">{t('transfers.key.none')}</p>
        )
      ) : null}
      <div className="inline-form wide-path">
        <PathField label={t('transfers.key.file')} description={t('transfers.key.fileHint')} value={path} onChange={setPath} mode="save" purpose="transferKey" defaultName="ofis.pub" isRequired />
        <Button variant="primary" isDisabled={!path.trim()} onPress={() => void exportKey()}>
          {t('transfers.key.export')}
        </Button>
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </section>
  );
}
