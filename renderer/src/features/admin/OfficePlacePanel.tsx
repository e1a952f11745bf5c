import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtsOf, PROVINCES } from '../../../../shared/geo/provinces';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { SearchPicker, SuggestField } from '../../components/ui/SearchPicker';

const PROVINCE_OPTIONS = PROVINCES.map((p) => ({ id: p.name, label: p.name }));

/**
 * The office's province and district (issue 14), kept in the office settings
 * (office.update, the letterhead's fields): an admin corrects them here.
 */
export function OfficePlacePanel() {
  const { t } = useTranslation();
  const office = useCall('office.get', {});
  const place = [office.data?.district, office.data?.province].filter(Boolean).join(', ');
  return (
    <div className="panel">
      <h2>{t('admin.office.title')}</h2>
      <p className="hint">{t('admin.office.intro')}</p>
      <p>{place ? t('admin.office.current', { place }) : t('admin.office.notSet')}</p>
      {office.data ? <PlaceForm province={office.data.province} district={office.data.district} onSaved={office.reload} /> : null}
      {office.error ? <Alert tone="error">{messageOf(t, office.error)}</Alert> : null}
    </div>
  );
}

function PlaceForm({ province: initialProvince, district: initialDistrict, onSaved }: { province: string | null; district: string | null; onSaved(): void }) {
  const { t } = useTranslation();
  const [province, setProvince] = useState<string | null>(initialProvince);
  const [district, setDistrict] = useState(initialDistrict ?? '');
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await call('office.update', { province: province ?? null, district: district.trim() || null });
      setMessage({ tone: 'success', text: t('admin.office.saved') });
      onSaved();
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="grid-fields">
        <SearchPicker
          label={t('setup.province')}
          placeholder={t('setup.provincePlaceholder')}
          options={PROVINCE_OPTIONS}
          value={province}
          onChange={(next) => {
            if (next !== province) setDistrict('');
            setProvince(next);
          }}
        />
        <SuggestField label={t('setup.district')} options={[...districtsOf(province)]} value={district} onChange={setDistrict} />
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="form-actions">
        <Button variant="primary" onPress={() => void save()} isDisabled={busy}>
          {t('admin.office.save')}
        </Button>
      </div>
    </>
  );
}
