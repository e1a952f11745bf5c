import { useState } from 'react';
import { Checkbox, FileTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS, type OfficeView } from '../../../../shared/api/schemas/office';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { useSession } from '../auth/SessionContext';
import { formatDate } from '../../i18n/format';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { SearchPicker, SuggestField } from '../../components/ui/SearchPicker';
import { districtsOf, PROVINCES } from '../../../../shared/geo/provinces';

const PROVINCE_OPTIONS = PROVINCES.map((p) => ({ id: p.name, label: p.name }));

const TEXT_FIELDS = ['name', 'institution', 'address', 'phone', 'email', 'kep', 'province', 'district', 'fileCode'] as const;
type TextFieldName = (typeof TEXT_FIELDS)[number];

interface Draft {
  fields: Record<TextFieldName, string>;
  public: boolean;
  /** The logo as it will print: the stored one, a newly chosen file, or none. */
  logo: { mime: string; base64: string } | null;
  /** undefined: unchanged; null: remove; a file: replace. */
  logoChange: { base64: string } | null | undefined;
}

const draftOf = (office: OfficeView): Draft => ({
  fields: Object.fromEntries(TEXT_FIELDS.map((f) => [f, office[f] ?? ''])) as Record<TextFieldName, string>,
  public: office.public,
  logo: office.logo ? { mime: office.logo.mime, base64: office.logo.base64 } : null,
  logoChange: undefined,
});

/** Bytes of a file as base64 (the logo is sent as given; core checks type, bytes and pixels again). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The office's letterhead (office.get / office.update, the same as `kalkan
 * office`): every document prints it on top of its first page and its contacts
 * in every footer. The preview beside the form is drawn here, from the form as
 * typed (nothing saved yet), after the layout of frame.ts's letterheadBlock
 * and footer: the logo on the left, "T.C." for a public office, the
 * institution and the unit in Turkish capitals, district / province, the
 * official letter's "Sayı" line, and the footer's contact line.
 */
export function OfficePanel() {
  const { t, i18n } = useTranslation();
  const office = useCall('office.get', {});
  const { refresh } = useSession();
  // The name given at set-up prints when the unit's name is left empty.
  const vault = useCall('vault.info', {});
  // null: nothing typed yet, the form shows what is stored.
  const [edited, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  if (office.error) return <Alert tone="error">{messageOf(t, office.error)}</Alert>;
  if (!office.data) return <p className="hint">{t('app.loading')}</p>;
  const stored = office.data;
  const draft = edited ?? draftOf(stored);
  const update = (change: (d: Draft) => Draft) => setDraft((d) => change(d ?? draftOf(stored)));

  const setField = (field: TextFieldName) => (value: string) => update((d) => ({ ...d, fields: { ...d.fields, [field]: value } }));

  const chooseLogo = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setMessage(null);
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') {
      setMessage({ tone: 'error', text: t('errors.office.logoType') });
      return;
    }
    if (file.size > LOGO_MAX_BYTES) {
      setMessage({ tone: 'error', text: t('errors.office.logoTooLarge', { maxKb: LOGO_MAX_BYTES / 1024, maxPixels: LOGO_MAX_PIXELS }) });
      return;
    }
    const base64 = await base64Of(file);
    update((d) => ({ ...d, logo: { mime: file.type, base64 }, logoChange: { base64 } }));
  };

  const save = async () => {
    setMessage(null);
    setSaving(true);
    try {
      const saved = await call('office.update', {
        ...draft.fields,
        public: draft.public,
        ...(draft.logoChange !== undefined ? { logo: draft.logoChange } : {}),
      });
      setDraft(draftOf(saved));
      office.reload();
      // The password forms' meter counts the office's province, district and name: the session carries them.
      void refresh('reload');
      setMessage({ tone: 'success', text: t('admin.office.saved') });
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="panel">
      <h2>{t('admin.office.title')}</h2>
      <p className="hint">{t('admin.office.intro')}</p>
      <div className="office-layout">
        <form
          className="office-form"
          noValidate
          aria-label={t('admin.office.title')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField label={t('admin.office.name')} value={draft.fields.name} onChange={setField('name')} placeholder={vault.data?.officeName ?? stored.printedName} description={t('admin.office.nameHint')} maxLength={200} />
          <TextField label={t('admin.office.institution')} value={draft.fields.institution} onChange={setField('institution')} maxLength={200} />
          <Checkbox className="checkbox" isSelected={draft.public} onChange={(value) => update((d) => ({ ...d, public: value }))}>
            <span className="checkbox-box" aria-hidden="true" />
            {t('admin.office.public')}
          </Checkbox>
          <TextField label={t('admin.office.address')} value={draft.fields.address} onChange={setField('address')} multiline rows={2} maxLength={400} />
          <div className="office-pair">
            <SearchPicker
              label={t('admin.office.province')}
              placeholder={t('setup.provincePlaceholder')}
              options={PROVINCE_OPTIONS}
              value={draft.fields.province || null}
              onChange={(next) => update((d) => ({ ...d, fields: { ...d.fields, province: next ?? '', district: next === d.fields.province ? d.fields.district : '' } }))}
            />
            <SuggestField label={t('admin.office.district')} options={[...districtsOf(draft.fields.province)]} value={draft.fields.district} onChange={setField('district')} />
          </div>
          <p className="hint">{t('admin.office.placeHint')}</p>
          <div className="office-pair">
            <TextField label={t('admin.office.phone')} value={draft.fields.phone} onChange={setField('phone')} type="tel" maxLength={60} />
            <TextField label={t('admin.office.fileCode')} value={draft.fields.fileCode} onChange={setField('fileCode')} description={t('admin.office.fileCodeHint')} maxLength={60} />
          </div>
          <div className="office-pair">
            <TextField label={t('admin.office.email')} value={draft.fields.email} onChange={setField('email')} inputMode="email" maxLength={200} />
            <TextField label={t('admin.office.kep')} value={draft.fields.kep} onChange={setField('kep')} inputMode="email" maxLength={200} />
          </div>
          <fieldset className="office-logo">
            <legend className="field-label">{t('admin.office.logo')}</legend>
            <p className="hint">{t('admin.office.logoHint', { maxKb: LOGO_MAX_BYTES / 1024, maxPixels: LOGO_MAX_PIXELS })}</p>
            <div className="inline-form">
              <FileTrigger acceptedFileTypes={['image/png', 'image/jpeg']} onSelect={(files) => void chooseLogo(files)}>
                <Button>{draft.logo ? t('admin.office.logoReplace') : t('admin.office.logoChoose')}</Button>
              </FileTrigger>
              {draft.logo ? <Button onPress={() => update((d) => ({ ...d, logo: null, logoChange: null }))}>{t('admin.office.logoRemove')}</Button> : null}
              {!draft.logo ? <span className="hint">{t('admin.office.logoNone')}</span> : null}
            </div>
          </fieldset>
          {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
          <div className="inline-form">
            <Button type="submit" variant="primary" isDisabled={saving}>
              {t('common.save')}
            </Button>
            <Button
              onPress={() => {
                setMessage(null);
                setDraft(null);
              }}
            >
              {t('admin.office.undo')}
            </Button>
          </div>
        </form>
        <LetterheadPreview draft={draft} setUpName={vault.data?.officeName ?? stored.printedName} language={i18n.language === 'en' ? 'en' : 'tr'} />
      </div>
    </div>
  );
}

/** Turkish capitals, as the documents print the letterhead (i → İ) whatever the language. */
const upper = (text: string) => text.toLocaleUpperCase('tr-TR');

function LetterheadPreview({ draft, setUpName, language }: { draft: Draft; setUpName: string; language: 'tr' | 'en' }) {
  const { t } = useTranslation();
  const f = draft.fields;
  const name = f.name.trim() || setUpName;
  const place = [f.district.trim(), f.province.trim()].filter(Boolean).join(' / ');
  const contacts = [
    f.address.trim(),
    f.phone.trim() ? `${t('documents.letterhead.phone', { lng: language })}: ${f.phone.trim()}` : '',
    f.email.trim() ? `${t('documents.letterhead.email', { lng: language })}: ${f.email.trim()}` : '',
    f.kep.trim() ? `${t('documents.letterhead.kep', { lng: language })}: ${f.kep.trim()}` : '',
  ].filter(Boolean);
  const sample = t('admin.office.previewNumber');
  const number = f.fileCode.trim() ? `${f.fileCode.trim()}-${sample}` : sample;
  return (
    <figure className="office-preview" aria-labelledby="office-preview-caption">
      <figcaption id="office-preview-caption" className="field-label">
        {t('admin.office.preview')}
      </figcaption>
      <div className="paper" data-testid="letterhead-preview">
        <div className="paper-head">
          <div className="paper-logo">{draft.logo ? <img src={`data:${draft.logo.mime};base64,${draft.logo.base64}`} alt={t('admin.office.logoAlt')} /> : null}</div>
          <div className="paper-lines">
            {draft.public ? <p className="paper-state">{t('documents.letterhead.state', { lng: language })}</p> : null}
            {f.institution.trim() ? <p className="paper-strong">{upper(f.institution.trim())}</p> : null}
            <p className="paper-strong">{upper(name)}</p>
            {place ? <p className="paper-muted">{place}</p> : null}
          </div>
          <div className="paper-logo" aria-hidden="true" />
        </div>
        <p className="paper-number">
          <span>
            {t('documents.letter.number', { lng: language })}: {number}
          </span>
          <span className="paper-muted">{t('admin.office.previewDate', { date: formatDate(new Date(), language) })}</span>
        </p>
        <div className="paper-body" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        <p className="paper-foot">{contacts.length ? contacts.join('  ·  ') : t('admin.office.previewNoContacts')}</p>
      </div>
      <p className="hint">{t('admin.office.previewHint')}</p>
    </figure>
  );
}
