import { Trash2, UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CONTACT_WITH_CHILD, MEMBER_ROLES, RELATIONSHIPS, type DuplicateCandidate, type MemberRole } from '../../../../shared/api/schemas/cases';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { SearchPicker, SuggestField } from '../../components/ui/SearchPicker';
import { districtsOf } from '../../../../shared/geo/provinces';
import { useCan, useCurrentSession } from '../auth/SessionContext';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraft } from '../drafts/useDraft';
import { DuplicateWarning, hasOpenCase, isOpenCase } from './DuplicateWarning';
import { emptyPerson, PersonFields, personInput, type PersonDraft } from './PersonFields';
import { fieldErrorOf, formErrorOf, withoutField } from './fieldErrors';
import { emptyIntake, IntakeFields, intakeInput, type IntakeDraft } from './IntakeFields';

interface MemberDraft {
  key: number;
  role: MemberRole;
  relationship: string;
  offending: boolean;
  contactWithChild: string;
  person: PersonDraft;
  linked: DuplicateCandidate | null;
  confirmedNew: boolean;
}

/** The relationship (to the child) a new block starts with: a sibling is a sibling, a caregiver is asked. */
const DEFAULT_RELATIONSHIP: Record<MemberRole, string> = { child: 'self', sibling: 'sibling', caregiver: 'mother', alleged_perpetrator: 'relative', other: 'relative' };

let nextKey = 1;
const newMember = (role: MemberRole): MemberDraft => ({
  key: nextKey++,
  role,
  relationship: DEFAULT_RELATIONSHIP[role],
  offending: false,
  contactWithChild: 'unknown',
  person: emptyPerson(),
  linked: null,
  confirmedNew: false,
});

/** Left empty, the household takes the first child's last name (as the office writes it on files). */
function householdNameFrom(members: MemberDraft[]): string {
  const child = members.find((m) => m.role === 'child');
  return (child?.linked?.lastName ?? child?.person.lastName ?? '').trim();
}


/** Intake of a new household: who reported what, when and how; the children and the adults around them. */
export function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentSession().user;
  const canAssign = useCan('case:readAll');
  const staff = useCall('cases.staff', {});
  // District and city: null until typed, meaning the office's own (issue 14: the office's province and district are the defaults).
  const office = useCall('office.get', {});
  const [household, setHousehold] = useState<{ name: string; address: string; district: string | null; city: string | null; phone: string }>({
    name: '',
    address: '',
    district: null,
    city: null,
    phone: '',
  });
  const city = household.city ?? office.data?.province ?? '';
  const district = household.district ?? (household.city === null ? (office.data?.district ?? '') : '');
  const [members, setMembers] = useState<MemberDraft[]>([newMember('child')]);
  const [intake, setIntake] = useState<IntakeDraft>(() => emptyIntake());
  const [responsible, setResponsible] = useState(me.id);
  const [parallelReason, setParallelReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // The whole intake is this user's draft until saved: an idle lock loses nothing.
  const [blank] = useState(() => JSON.stringify({ household, intake, responsible, people: members.map(({ key: _key, ...m }) => m) }));
  const draft = useDraft('intake:new', {
    value: { household, members, intake, responsible },
    dirty: JSON.stringify({ household, intake, responsible, people: members.map(({ key: _key, ...m }) => m) }) !== blank,
    onRestore: (values) => {
      nextKey = Math.max(nextKey, ...values.members.map((m) => m.key + 1));
      setHousehold(values.household);
      setMembers(values.members);
      setIntake(values.intake);
      setResponsible(values.responsible);
    },
  });

  const fieldError = (path: string) => fieldErrorOf(t, error, path);
  // Editing a block clears the errors shown in it (its index is its path in the last request).
  const updateMember = (key: number, patch: Partial<MemberDraft>) => {
    const index = members.findIndex((m) => m.key === key);
    if (index >= 0) setError((e) => withoutField(e, `members.${index}`));
    setMembers((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  };
  const changeRole = (m: MemberDraft, role: MemberRole) =>
    updateMember(m.key, { role, ...(m.relationship === DEFAULT_RELATIONSHIP[m.role] ? { relationship: DEFAULT_RELATIONSHIP[role] } : {}) });
  const changeIntake = (next: IntakeDraft) => {
    setError((e) => {
      let left = e;
      for (const key of Object.keys(next) as (keyof IntakeDraft)[]) if (next[key] !== intake[key]) left = withoutField(left, `intake.${key === 'day' || key === 'time' ? 'receivedAt' : key}`);
      return left;
    });
    setIntake(next);
  };
  const changeHousehold = (patch: Partial<typeof household>) => {
    for (const key of Object.keys(patch)) setError((e) => withoutField(e, `household.${key}`));
    setHousehold({ ...household, ...patch });
  };
  /** Blocks are numbered within their role: Çocuk 1, Bakım veren 1, Bakım veren 2, Kardeş 1. */
  const numberOf = (index: number) => members.slice(0, index + 1).filter((x) => x.role === members[index]!.role).length;

  // A known child who is in an open case: a new case beside it needs a reason.
  const parallel = members.find((m) => m.role === 'child' && m.linked && hasOpenCase(m.linked))?.linked ?? null;

  /** The report goes to the child's case instead: a further report on an open case, or it reopens a closed one. */
  const reportToCase = async (kind: 'add' | 'reopen', caseId: number) => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'add') await call('cases.addIntake', { caseId, intake: intakeInput(intake) });
      else await call('cases.reopen', { caseId, intake: intakeInput(intake) });
      // The form is saved (on that case): no draft, no "unsaved changes" question on the way there.
      await draft.clear();
      navigate(`/cases/${caseId}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal' }));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await call('cases.create', {
        household: {
          name: household.name || householdNameFrom(members),
          ...(household.address ? { address: household.address } : {}),
          ...(district.trim() ? { district: district.trim() } : {}),
          ...(city.trim() ? { city: city.trim() } : {}),
          ...(household.phone ? { phone: household.phone } : {}),
        },
        members: members.map((m) => ({
          ...(m.linked ? { personId: m.linked.personId } : { person: personInput(m.person), confirmedNew: m.confirmedNew }),
          role: m.role,
          relationship: m.relationship as (typeof RELATIONSHIPS)[number],
          ...(m.role === 'caregiver' ? { offending: m.offending } : {}),
          ...(m.role === 'alleged_perpetrator' || (m.role === 'caregiver' && m.offending) ? { contactWithChild: m.contactWithChild as (typeof CONTACT_WITH_CHILD)[number] } : {}),
        })),
        intake: intakeInput(intake),
        responsibleUserId: responsible,
        ...(parallel && parallelReason.trim() ? { parallelReason } : {}),
      });
      await draft.clear();
      navigate(`/cases/${created.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="page-title" className="page">
      <h1 id="page-title">{t('intake.title')}</h1>
      <DraftNotice
        restoredAt={draft.restoredAt}
        onDiscard={() => {
          void draft.clear();
          setHousehold(JSON.parse(blank).household);
          setMembers([newMember('child')]);
          setIntake(emptyIntake());
          setResponsible(me.id);
        }}
      />
      <Form onSubmit={(e) => void submit(e)} className="form intake-form" validationBehavior="aria">
        <fieldset className="panel">
          <legend>{t('intake.report')}</legend>
          <IntakeFields value={intake} onChange={changeIntake} errorFor={(field) => fieldError(`intake.${field}`)} />
        </fieldset>

        <fieldset className="panel">
          <legend>{t('intake.household')}</legend>
          <div className="grid-fields">
            <TextField label={t('intake.householdName')} value={household.name} onChange={(name) => changeHousehold({ name })} description={t('intake.householdNameHint')} />
            <TextField label={t('intake.address')} value={household.address} onChange={(address) => changeHousehold({ address })} />
            <SuggestField label={t('intake.district')} options={[...districtsOf(city)]} value={district} onChange={(value) => changeHousehold({ district: value })} />
            <TextField label={t('intake.city')} value={city} onChange={(value) => changeHousehold({ city: value })} />
            <TextField label={t('intake.phone')} value={household.phone} onChange={(phone) => changeHousehold({ phone })} type="tel" />
          </div>
        </fieldset>

        {members.map((m, index) => {
          const at = (field: string) => fieldError(`members.${index}.person.${field}`) ?? fieldError(`members.${index}.${field}`);
          return (
            <fieldset key={m.key} className="panel member-card">
              <legend>
                {t(`roles.member.${m.role}`)} {numberOf(index)}
              </legend>
              <div className="grid-fields">
                <Select label={t('intake.role')} value={m.role} onChange={(role) => changeRole(m, role as MemberRole)} options={MEMBER_ROLES.map((r) => ({ id: r, label: t(`roles.member.${r}`) }))} />
                <Select label={t('intake.relationship')} value={m.relationship} onChange={(relationship) => updateMember(m.key, { relationship })} options={RELATIONSHIPS.map((r) => ({ id: r, label: t(`relationship.${r}`) }))} />
                {m.role === 'caregiver' ? (
                  <Checkbox className="checkbox filter-check" isSelected={m.offending} onChange={(offending) => updateMember(m.key, { offending })}>
                    <span className="checkbox-box" aria-hidden="true" />
                    {t('intake.offending')}
                  </Checkbox>
                ) : null}
                {m.role === 'alleged_perpetrator' || (m.role === 'caregiver' && m.offending) ? (
                  <Select label={t('intake.contact')} value={m.contactWithChild} onChange={(contactWithChild) => updateMember(m.key, { contactWithChild })} options={CONTACT_WITH_CHILD.map((c) => ({ id: c, label: t(`contact.${c}`) }))} />
                ) : null}
              </div>
              {m.linked ? (
                <Alert tone="info">
                  {t('intake.linked', { name: `${m.linked.firstName} ${m.linked.lastName}` })}{' '}
                  <Button variant="quiet" onPress={() => updateMember(m.key, { linked: null })}>
                    {t('intake.unlink')}
                  </Button>
                </Alert>
              ) : (
                <>
                  <PersonFields value={m.person} onChange={(person) => updateMember(m.key, { person, confirmedNew: false })} errorFor={at} child={m.role === 'child' || m.role === 'sibling'} />
                  <DuplicateWarning
                    draft={m.person}
                    confirmedNew={m.confirmedNew}
                    onLink={(c) => updateMember(m.key, { linked: c })}
                    onConfirmNew={() => updateMember(m.key, { confirmedNew: true })}
                    {...(m.role === 'child' ? { onUseCase: (kind: 'add' | 'reopen', caseId: number) => void reportToCase(kind, caseId) } : {})}
                  />
                  {fieldError(`members.${index}.person`) ? <Alert tone="error">{fieldError(`members.${index}.person`)}</Alert> : null}
                </>
              )}
              {members.length > 1 ? (
                <div className="form-actions">
                  <Button variant="quiet" onPress={() => setMembers((ms) => ms.filter((x) => x.key !== m.key))}>
                    <Trash2 aria-hidden="true" size={16} /> {t('intake.removePerson')}
                  </Button>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <div className="form-actions form-actions-start">
          {(['child', 'caregiver', 'sibling', 'alleged_perpetrator'] as const).map((role) => (
            <Button key={role} onPress={() => setMembers((ms) => [...ms, newMember(role)])}>
              <UserPlus aria-hidden="true" size={16} /> {t('intake.add', { role: t(`roles.member.${role}`) })}
            </Button>
          ))}
        </div>
        {fieldError('members') ? <Alert tone="error">{fieldError('members')}</Alert> : null}

        {parallel ? (
          <fieldset className="panel">
            <legend>{t('intake.parallel.title')}</legend>
            <Alert tone="warning">
              {t('intake.parallel.hint', {
                name: `${parallel.firstName} ${parallel.lastName}`,
                list: parallel.cases.filter((k) => k.role === 'child' && isOpenCase(k)).map((k) => k.caseNumber).join(', '),
              })}
            </Alert>
            <TextField
              label={t('intake.parallel.reason')}
              multiline
              rows={3}
              value={parallelReason}
              onChange={(value) => {
                setParallelReason(value);
                setError((e) => (e?.error.code === 'cases.openCaseExists' ? null : e));
              }}
              isRequired
              error={error?.error.code === 'cases.openCaseExists' ? formErrorOf(t, error) : null}
            />
          </fieldset>
        ) : null}

        {canAssign ? (
          <fieldset className="panel">
            <legend>{t('intake.assignment')}</legend>
            <SearchPicker label={t('intake.responsible')} value={responsible} onChange={(id) => id !== null && setResponsible(id)} options={(staff.data ?? []).filter((s) => !s.disabled).map((s) => ({ id: s.id, label: s.displayName }))} />
          </fieldset>
        ) : null}

        {error ? <Alert tone="error">{formErrorOf(t, error)}</Alert> : null}
        <div className="form-actions">
          <Button variant="quiet" onPress={() => navigate('/cases')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" isDisabled={busy}>
            {t('intake.save')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
