import { useMemo, useState } from 'react';
import { Checkbox, CheckboxGroup, Dialog, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import { CONSENT_METHODS, REPLY_WORKING_DAYS, SHARE_SECTIONS, URGENCIES, type Referral, type ReferralWritten, type Urgency } from '../../../../shared/api/schemas/referrals';
import { call } from '../../api/client';
import { codeOf, messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { SearchPicker } from '../../components/ui/SearchPicker';
import { Select } from '../../components/ui/Select';
import { formatDateTime } from '../../i18n/format';
import { personName } from '../cases/format';
import { useLookups } from '../cases/useLookups';
import { InstitutionPicker, todayIso, useInstitutions } from './common';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraft } from '../drafts/useDraft';

const HOUSEHOLD = 'household';
const OTHER_PERSON = 'other';

interface Draft {
  personId: string;
  institutionId: number | null;
  services: string[];
  servicesOther: string;
  urgency: Urgency;
  reason: string;
  consentMode: 'consent' | 'legal';
  consentBy: string;
  consentName: string;
  consentMethod: string;
  consentOn: string;
  legalGround: string;
  sections: string[];
  noteIds: string[];
}

function toDraft(r: Referral | null): Draft {
  return {
    personId: r?.person ? String(r.person.id) : HOUSEHOLD,
    institutionId: r?.institution.id ?? null,
    services: r?.services ?? [],
    servicesOther: r?.servicesOther ?? '',
    urgency: r?.urgency ?? 'routine',
    reason: r?.reason ?? '',
    consentMode: r?.legalGround ? 'legal' : 'consent',
    consentBy: r?.consent?.givenByPersonId ? String(r.consent.givenByPersonId) : r?.consent?.givenByName ? OTHER_PERSON : '',
    consentName: r?.consent && !r.consent.givenByPersonId ? (r.consent.givenByName ?? '') : '',
    consentMethod: r?.consent?.method ?? '',
    consentOn: r?.consent?.on ?? (r ? '' : todayIso()),
    legalGround: r?.legalGround ?? '',
    sections: r?.sharedSections ?? [],
    noteIds: (r?.sharedNoteIds ?? []).map(String),
  };
}

function toFields(d: Draft) {
  const consent =
    d.consentMode === 'consent'
      ? {
          givenByPersonId: d.consentBy && d.consentBy !== OTHER_PERSON ? Number(d.consentBy) : null,
          givenByName: d.consentBy === OTHER_PERSON ? d.consentName || null : null,
          method: (d.consentMethod || null) as (typeof CONSENT_METHODS)[number] | null,
          on: d.consentOn || null,
        }
      : null;
  return {
    personId: d.personId === HOUSEHOLD ? null : Number(d.personId),
    institutionId: d.institutionId ?? 0,
    services: d.services,
    servicesOther: d.servicesOther || null,
    urgency: d.urgency,
    reason: d.reason,
    consent,
    legalGround: d.consentMode === 'legal' ? d.legalGround || null : null,
    sharedSections: d.sections as (typeof SHARE_SECTIONS)[number][],
    sharedNoteIds: d.sections.includes('notes') ? d.noteIds.map(Number) : [],
  };
}

/**
 * Preparing a referral (a draft): to whom, for what, how urgent, the consent
 * obtained or the legal ground, and exactly which sections may be shared.
 * Saving keeps a draft; sending is a separate, checked step.
 */
export const referralDraftKey = (caseId: number) => `referral:${caseId}`;

export function ReferralForm({ file, referral, isOpen, onClose, onSaved }: { file: CaseFile; referral: Referral | null; isOpen: boolean; onClose(): void; onSaved(referral: ReferralWritten): void }) {
  const { t, i18n } = useTranslation();
  const institutions = useInstitutions();
  const services = useLookups('service');
  const [draft, setDraft] = useState<Draft>(() => toDraft(referral));
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // What is typed is this user's draft (one per case) until the referral is saved.
  const [base] = useState(() => JSON.stringify(toDraft(referral)));
  const stored = useDraft<{ referralId: number | null; draft: Draft }>(referralDraftKey(file.case.id), {
    value: { referralId: referral?.id ?? null, draft },
    dirty: JSON.stringify(draft) !== base,
    route: `/cases/${file.case.id}?tab=referrals`,
    onRestore: (values) => {
      if (values.referralId === (referral?.id ?? null)) setDraft(values.draft);
    },
  });
  const fieldError = (name: string) => (error?.field === name ? error.message : null);

  /** Cancel throws the draft away (closing by accident is not possible while something is typed). */
  const cancel = () => {
    void stored.clear();
    onClose();
  };

  const save = async () => {
    setError(null);
    if (draft.institutionId === null) {
      setError({ message: t('referrals.form.institutionRequired'), field: 'institutionId' });
      return;
    }
    try {
      const saved = referral
        ? await call('referrals.updateDraft', { id: referral.id, expectedVersion: referral.version, ...toFields(draft) })
        : await call('referrals.create', { caseId: file.case.id, ...toFields(draft) });
      await stored.clear();
      onSaved(saved);
    } catch (e) {
      const params = (e as { error?: { params?: { field?: string } } }).error?.params;
      setError({ message: codeOf(e) === 'api.invalidInput' ? t('referrals.form.invalid') : messageOf(t, e), field: params?.field ?? null });
    }
  };

  // Stable option lists: the pickers keep what is typed across the form's re-renders.
  const members = useMemo(() => file.members.map((m) => ({ id: String(m.person.id), label: `${personName(m.person)} (${t(`roles.member.${m.role}`)})` })), [file.members, t]);
  const personOptions = useMemo(() => [{ id: HOUSEHOLD, label: t('referrals.form.household') }, ...members], [members, t]);
  const consentOptions = useMemo(() => [...members, { id: OTHER_PERSON, label: t('referrals.form.consentOther') }], [members, t]);
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && cancel()} isDismissable={JSON.stringify(draft) === base} isKeyboardDismissDisabled={JSON.stringify(draft) !== base}>
      <Modal className="modal modal-wide">
        <Dialog className="dialog referral-form">
          <Heading slot="title">{referral ? t('referrals.form.editTitle') : t('referrals.form.newTitle')}</Heading>
          <DraftNotice
            restoredAt={stored.restoredAt}
            onDiscard={() => {
              void stored.clear();
              setDraft(toDraft(referral));
            }}
          />
          <div className="grid-fields">
            <SearchPicker
              label={t('referrals.form.person')}
              value={draft.personId}
              onChange={(personId) => personId !== null && set({ personId })}
              options={personOptions}
              placeholder={t('referrals.form.personPlaceholder')}
              emptyText={t('referrals.form.noPerson')}
            />
            <InstitutionPicker
              label={t('referrals.form.institution')}
              institutions={institutions.items}
              value={draft.institutionId}
              onChange={(institutionId) => set({ institutionId })}
              error={fieldError('institutionId')}
              isRequired
            />
          </div>

          <CheckboxGroup value={draft.services} onChange={(s) => set({ services: s })} className="checkbox-group" isInvalid={Boolean(fieldError('services'))}>
            <Label className="field-label">{t('referrals.form.services')}</Label>
            <div className="concern-options">
              {services.items.map((s) => (
                <Checkbox key={s.id} value={s.id} className="checkbox">
                  <span className="checkbox-box" aria-hidden="true" />
                  {s.label}
                </Checkbox>
              ))}
            </div>
          </CheckboxGroup>
          <TextField label={t('referrals.form.servicesOther')} value={draft.servicesOther} onChange={(servicesOther) => set({ servicesOther })} error={fieldError('services')} />

          <RadioGroup className="choice-group" orientation="horizontal" value={draft.urgency} onChange={(v) => set({ urgency: v as Urgency })}>
            <Label className="field-label">{t('referrals.form.urgency')}</Label>
            <div className="choice-row">
              {URGENCIES.map((u) => (
                <Radio key={u} value={u} className={`choice choice-${u}`}>
                  <span className="choice-dot" aria-hidden="true" />
                  {t(`referrals.urgency.${u}`)} <span className="hint">({t('referrals.form.replyWithin', { count: REPLY_WORKING_DAYS[u] })})</span>
                </Radio>
              ))}
            </div>
          </RadioGroup>

          <TextField label={t('referrals.form.reason')} multiline rows={4} value={draft.reason} onChange={(reason) => set({ reason })} isRequired description={t('referrals.form.reasonHint')} />

          <fieldset className="panel consent-box">
            <legend>{t('referrals.form.consentTitle')}</legend>
            <RadioGroup className="choice-group" orientation="horizontal" value={draft.consentMode} onChange={(v) => set({ consentMode: v as Draft['consentMode'] })} aria-label={t('referrals.form.consentTitle')}>
              <div className="choice-row">
                <Radio value="consent" className="choice">
                  <span className="choice-dot" aria-hidden="true" />
                  {t('referrals.form.consentGiven')}
                </Radio>
                <Radio value="legal" className="choice">
                  <span className="choice-dot" aria-hidden="true" />
                  {t('referrals.form.consentNotPossible')}
                </Radio>
              </div>
            </RadioGroup>
            {draft.consentMode === 'consent' ? (
              <div className="grid-fields">
                <SearchPicker
                  label={t('referrals.form.consentBy')}
                  value={draft.consentBy || null}
                  onChange={(consentBy) => (consentBy ?? '') !== draft.consentBy && set({ consentBy: consentBy ?? '' })}
                  options={consentOptions}
                  placeholder={t('referrals.form.personPlaceholder')}
                  emptyText={t('referrals.form.noPerson')}
                />
                {draft.consentBy === OTHER_PERSON ? <TextField label={t('referrals.form.consentName')} value={draft.consentName} onChange={(consentName) => set({ consentName })} /> : null}
                <Select
                  label={t('referrals.form.consentMethod')}
                  value={draft.consentMethod}
                  onChange={(consentMethod) => set({ consentMethod })}
                  options={CONSENT_METHODS.map((m) => ({ id: m, label: t(`referrals.consentMethod.${m}`) }))}
                />
                <DateInput label={t('referrals.form.consentOn')} value={draft.consentOn} onChange={(consentOn) => set({ consentOn })} error={fieldError('consent.on')} />
              </div>
            ) : (
              <TextField
                label={t('referrals.form.legalGround')}
                multiline
                rows={3}
                value={draft.legalGround}
                onChange={(legalGround) => set({ legalGround })}
                description={t('referrals.form.legalGroundHint')}
              />
            )}
            <p className="hint">{t('referrals.form.consentRule')}</p>
          </fieldset>

          <fieldset className="panel">
            <legend>{t('referrals.form.shareTitle')}</legend>
            <p className="hint">{t('referrals.form.shareHint')}</p>
            <CheckboxGroup value={draft.sections} onChange={(sections) => set({ sections })} className="checkbox-group" aria-label={t('referrals.form.shareTitle')}>
              <div className="concern-options">
                {SHARE_SECTIONS.map((s) => (
                  <Checkbox key={s} value={s} className="checkbox">
                    <span className="checkbox-box" aria-hidden="true" />
                    {t(`referrals.section.${s}`)}
                  </Checkbox>
                ))}
              </div>
            </CheckboxGroup>
            {draft.sections.includes('notes') ? (
              <CheckboxGroup value={draft.noteIds} onChange={(noteIds) => set({ noteIds })} className="checkbox-group note-picks" isInvalid={Boolean(fieldError('sharedNoteIds'))}>
                <Label className="field-label">{t('referrals.form.pickNotes')}</Label>
                {file.notes.length === 0 ? <p className="hint">{t('referrals.form.noNotes')}</p> : null}
                {file.notes.map((n) => (
                  <Checkbox key={n.id} value={String(n.id)} className="checkbox">
                    <span className="checkbox-box" aria-hidden="true" />
                    {formatDateTime(n.occurredAt, i18n.language)} · {t(`notes.type.${n.type}`)} — {n.body.length > 80 ? `${n.body.slice(0, 80)}…` : n.body}
                  </Checkbox>
                ))}
                {fieldError('sharedNoteIds') ? <p className="field-error">{fieldError('sharedNoteIds')}</p> : null}
              </CheckboxGroup>
            ) : null}
          </fieldset>

          {error && !['institutionId', 'sharedNoteIds', 'consent.on', 'services'].includes(error.field ?? '') ? <Alert tone="error">{error.message}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={cancel}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void save()} isDisabled={!draft.reason.trim()}>
              {t('referrals.form.saveDraft')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
