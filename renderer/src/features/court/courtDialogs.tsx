import { ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { Button as AriaButton, ComboBox, Dialog, Heading, Input, Label, ListBox, ListBoxItem, Modal, ModalOverlay, Popover, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import { COMPLIANCE_STATUSES, HEARING_STATUSES, ORDER_KINDS, type ComplianceStatus, type CourtOrder, type CourtOrderWritten, type Hearing, type HearingStatus, type HearingWritten, type OrderKind } from '../../../../shared/api/schemas/court';
import type { Institution } from '../../../../shared/api/schemas/referrals';
import { dayOfMoment, localTime } from '../../../../shared/time/localDays';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { formatDate, localMoment } from '../../i18n/format';
import { personName } from '../cases/format';
import { foldedMatch, InstitutionPicker, todayIso, useInstitutions } from '../referrals/common';

export function ComplianceBadge({ status, overdue }: { status: ComplianceStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge compliance-${status}${overdue ? ' compliance-overdue' : ''}`}>
      {t(`court.compliance.${status}`)}
      {overdue ? ` · ${t('court.overdue')}` : ''}
    </span>
  );
}

const dayOf = dayOfMoment;
const timeOf = localTime;

/** A court from the directory, or any court typed by name. */
function CourtNameField({ courts, loading, name, onChange }: { courts: Institution[]; loading: boolean; name: string; onChange(name: string, institutionId: number | null): void }) {
  const { t } = useTranslation();
  return (
    <ComboBox
      className="field"
      // defaultItems, not items: React Aria filters only uncontrolled items (with `items` nothing narrowed).
      defaultItems={courts}
      inputValue={name}
      onInputChange={(value) => onChange(value, courts.find((c) => c.name === value)?.id ?? null)}
      onSelectionChange={(key) => {
        const court = courts.find((c) => String(c.id) === String(key));
        if (court) onChange(court.name, court.id);
      }}
      defaultFilter={foldedMatch}
      allowsCustomValue
      menuTrigger="focus"
      // Open while the directory loads: a court typed meanwhile appears when it has (after that, no match closes the list).
      allowsEmptyCollection={loading}
      isRequired
    >
      <Label className="field-label">{t('court.hearing.court')}</Label>
      <div className="combo">
        <Input className="field-input combo-input" />
        <AriaButton className="combo-button" aria-label={t('court.hearing.showCourts')}>
          <ChevronDown aria-hidden="true" size={16} />
        </AriaButton>
      </div>
      <Popover className="popover combo-popover">
        <ListBox className="listbox" renderEmptyState={() => <div className="hint listbox-empty">{t('app.loading')}</div>}>
          {(item: Institution) => (
            <ListBoxItem id={String(item.id)} className="listbox-item" textValue={item.name}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** Adding a hearing, or changing one (date, outcome, held / postponed / cancelled). */
export function HearingDialog({ caseId, hearing, onClose, onSaved }: { caseId: number; hearing: Hearing | null; onClose(): void; onSaved(hearing: HearingWritten): void }) {
  const { t } = useTranslation();
  const courts = useCall('institutions.list', { type: 'court', limit: 200 });
  const [form, setForm] = useState({
    courtName: hearing?.courtName ?? '',
    courtInstitutionId: hearing?.courtInstitutionId ?? null,
    fileNumber: hearing?.fileNumber ?? '',
    day: hearing ? dayOf(hearing.hearingAt) : '',
    time: hearing ? timeOf(hearing.hearingAt) : '10:00',
    judge: hearing?.judge ?? '',
    toBring: hearing?.toBring ?? '',
    status: (hearing?.status ?? 'scheduled') as HearingStatus,
    outcome: hearing?.outcome ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const timeValid = /^([01]?\d|2[0-3]):[0-5]\d$/.test(form.time);

  const save = async () => {
    setError(null);
    try {
      const common = {
        courtName: form.courtName,
        courtInstitutionId: form.courtInstitutionId,
        fileNumber: form.fileNumber || null,
        hearingAt: localMoment(form.day, form.time),
        judge: form.judge || null,
        toBring: form.toBring || null,
      };
      onSaved(
        hearing
          ? await call('hearings.update', { id: hearing.id, expectedVersion: hearing.version, ...common, status: form.status, outcome: form.outcome || null })
          : await call('hearings.add', { caseId, ...common }),
      );
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{hearing ? t('court.hearing.editTitle') : t('court.hearing.addTitle')}</Heading>
          <div className="grid-fields">
            <CourtNameField courts={courts.data ?? []} loading={courts.loading} name={form.courtName} onChange={(courtName, courtInstitutionId) => set({ courtName, courtInstitutionId })} />
            <TextField label={t('court.hearing.fileNumber')} value={form.fileNumber} onChange={(fileNumber) => set({ fileNumber })} placeholder="2026/123 E." />
            <DateInput label={t('court.hearing.day')} value={form.day} onChange={(day) => set({ day })} isRequired />
            <TextField label={t('court.hearing.time')} value={form.time} onChange={(time) => set({ time })} placeholder="10:30" error={form.time && !timeValid ? t('court.hearing.timeInvalid') : null} />
            <TextField label={t('court.hearing.judge')} value={form.judge} onChange={(judge) => set({ judge })} />
          </div>
          <TextField label={t('court.hearing.toBring')} multiline rows={3} value={form.toBring} onChange={(toBring) => set({ toBring })} description={t('court.hearing.toBringHint')} />
          {hearing ? (
            <>
              <Select label={t('court.hearing.status')} value={form.status} onChange={(status) => set({ status: status as HearingStatus })} options={HEARING_STATUSES.map((s) => ({ id: s, label: t(`court.hearingStatus.${s}`) }))} />
              <TextField label={t('court.hearing.outcome')} multiline rows={3} value={form.outcome} onChange={(outcome) => set({ outcome })} />
            </>
          ) : (
            <p className="hint">{t('court.hearing.reminderHint')}</p>
          )}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void save()} isDisabled={form.courtName.trim().length < 2 || !form.day || !timeValid}>
              {t('common.save')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Recording a court order: its kind, whom it concerns, who is responsible, and by when. */
export function OrderDialog({ file, hearings, onClose, onSaved }: { file: CaseFile; hearings: Hearing[]; onClose(): void; onSaved(order: CourtOrderWritten): void }) {
  const { t, i18n } = useTranslation();
  const institutions = useInstitutions();
  const staff = useCall('cases.staff', {});
  const held = [...hearings].sort((a, b) => b.hearingAt.localeCompare(a.hearingAt));
  const [form, setForm] = useState({
    kind: '' as OrderKind | '',
    hearingId: held[0] ? String(held[0].id) : 'none',
    personId: 'household',
    description: '',
    orderedOn: held[0] && dayOf(held[0].hearingAt) <= todayIso() ? dayOf(held[0].hearingAt) : todayIso(),
    responsibleType: 'user' as 'user' | 'institution',
    responsibleUserId: file.case.responsible.id,
    responsibleInstitutionId: null as number | null,
    dueOn: '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const save = async () => {
    setError(null);
    if (!form.kind) return;
    try {
      const order = await call('orders.add', {
        caseId: file.case.id,
        kind: form.kind,
        hearingId: form.hearingId === 'none' ? null : Number(form.hearingId),
        personId: form.personId === 'household' ? null : Number(form.personId),
        description: form.description || null,
        orderedOn: form.orderedOn,
        ...(form.responsibleType === 'user' ? { responsibleUserId: form.responsibleUserId } : { responsibleInstitutionId: form.responsibleInstitutionId ?? 0 }),
        dueOn: form.dueOn || null,
      });
      onSaved(order);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  const ready = Boolean(form.kind && form.orderedOn && (form.responsibleType === 'user' ? form.responsibleUserId : form.responsibleInstitutionId));
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{t('court.order.addTitle')}</Heading>
          <div className="grid-fields">
            <Select label={t('court.order.kind')} value={form.kind} onChange={(kind) => set({ kind: kind as OrderKind })} options={ORDER_KINDS.map((k) => ({ id: k, label: t(`court.orderKind.${k}`) }))} />
            <Select
              label={t('court.order.hearing')}
              value={form.hearingId}
              onChange={(hearingId) => set({ hearingId })}
              options={[{ id: 'none', label: t('court.order.noHearing') }, ...held.map((h) => ({ id: String(h.id), label: `${formatDate(h.hearingAt, i18n.language)} · ${h.courtName}` }))]}
            />
            <Select
              label={t('court.order.person')}
              value={form.personId}
              onChange={(personId) => set({ personId })}
              options={[{ id: 'household', label: t('referrals.form.household') }, ...file.members.filter((m) => m.role === 'child').map((m) => ({ id: String(m.person.id), label: personName(m.person) }))]}
            />
            <DateInput label={t('court.order.orderedOn')} value={form.orderedOn} onChange={(orderedOn) => set({ orderedOn })} isRequired />
            <DateInput label={t('court.order.dueOn')} value={form.dueOn} onChange={(dueOn) => set({ dueOn })} />
          </div>
          <TextField label={t('court.order.description')} multiline rows={3} value={form.description} onChange={(description) => set({ description })} />
          <RadioGroup className="choice-group" orientation="horizontal" value={form.responsibleType} onChange={(v) => set({ responsibleType: v as 'user' | 'institution' })}>
            <Label className="field-label">{t('court.order.responsible')}</Label>
            <div className="choice-row">
              <Radio value="user" className="choice">
                <span className="choice-dot" aria-hidden="true" />
                {t('court.order.responsibleUser')}
              </Radio>
              <Radio value="institution" className="choice">
                <span className="choice-dot" aria-hidden="true" />
                {t('court.order.responsibleInstitution')}
              </Radio>
            </div>
          </RadioGroup>
          {form.responsibleType === 'user' ? (
            <Select
              label={t('court.order.responsibleUserLabel')}
              value={form.responsibleUserId}
              onChange={(responsibleUserId) => set({ responsibleUserId })}
              options={(staff.data ?? []).filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin')).map((s) => ({ id: s.id, label: s.displayName }))}
            />
          ) : (
            <InstitutionPicker
              label={t('court.order.responsibleInstitutionLabel')}
              institutions={institutions.items}
              value={form.responsibleInstitutionId}
              onChange={(responsibleInstitutionId) => set({ responsibleInstitutionId })}
            />
          )}
          <p className="hint">{t('court.order.taskHint')}</p>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void save()} isDisabled={!ready}>
              {t('common.save')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** A dated compliance update of an order, with a note. */
export function ComplianceDialog({ order, onClose, onSaved }: { order: CourtOrder; onClose(): void; onSaved(order: CourtOrderWritten): void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ComplianceStatus>(order.compliance === 'pending' ? 'in_progress' : order.compliance === 'in_progress' ? 'complied' : 'in_progress');
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      onSaved(await call('orders.updateCompliance', { id: order.id, status, ...(on ? { on } : {}), note: note || null }));
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('court.order.complianceTitle', { kind: t(`court.orderKind.${order.kind}`) })}</Heading>
          <Select
            label={t('court.order.compliance')}
            value={status}
            onChange={(s) => setStatus(s as ComplianceStatus)}
            options={COMPLIANCE_STATUSES.filter((s) => s !== order.compliance).map((s) => ({ id: s, label: t(`court.compliance.${s}`) }))}
          />
          <DateInput label={t('court.order.complianceOn')} value={on} onChange={setOn} isRequired />
          <TextField label={t('court.order.complianceNote')} multiline rows={3} value={note} onChange={setNote} />
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void save()}>
              {t('common.save')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
