import { useTranslation } from 'react-i18next';
import { ID_TYPES, LEGAL_STATUSES, SEXES } from '../../../../shared/api/schemas/cases';
import { TextField } from '../../components/ui/Field';
import { DateInput } from '../../components/ui/DateInput';
import { Select } from '../../components/ui/Select';

export interface PersonDraft {
  firstName: string;
  lastName: string;
  birthDate: string;
  approxAge: string;
  sex: string;
  nationality: string;
  legalStatus: string;
  idType: string;
  idNumber: string;
  school: string;
  disability: string;
  phone: string;
}

export const emptyPerson = (): PersonDraft => ({
  firstName: '',
  lastName: '',
  birthDate: '',
  approxAge: '',
  sex: 'unknown',
  nationality: 'TR',
  legalStatus: 'citizen',
  idType: 'none',
  idNumber: '',
  school: '',
  disability: '',
  phone: '',
});

/** The API shape of a drafted person (empty fields left out; age → approximate birth year). */
export function personInput(p: PersonDraft, today = new Date()) {
  const age = Number(p.approxAge);
  const birth: { birthDate?: string; birthYear?: number } = p.birthDate
    ? { birthDate: p.birthDate }
    : p.approxAge && Number.isFinite(age)
      ? { birthYear: today.getFullYear() - age }
      : {};
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    ...birth,
    sex: p.sex as (typeof SEXES)[number],
    ...(p.nationality ? { nationality: p.nationality } : {}),
    ...(p.legalStatus ? { legalStatus: p.legalStatus as (typeof LEGAL_STATUSES)[number] } : {}),
    ...(p.idType !== 'none' && p.idNumber ? { idType: p.idType as (typeof ID_TYPES)[number], idNumber: p.idNumber.replace(/\s/g, '') } : {}),
    ...(p.school ? { school: p.school } : {}),
    ...(p.disability ? { disability: p.disability } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
  };
}

interface Props {
  value: PersonDraft;
  onChange(next: PersonDraft): void;
  /** Error for a field name (firstName, birthDate, idNumber …) from the core, translated. */
  errorFor(field: string): string | null;
  child: boolean;
}

export function PersonFields({ value, onChange, errorFor, child }: Props) {
  const { t } = useTranslation();
  const set = (key: keyof PersonDraft) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <div className="grid-fields">
      <TextField label={t('person.firstName')} value={value.firstName} onChange={set('firstName')} isRequired error={errorFor('firstName')} />
      <TextField label={t('person.lastName')} value={value.lastName} onChange={set('lastName')} error={errorFor('lastName')} />
      <DateInput label={t('person.birthDate')} value={value.birthDate} onChange={set('birthDate')} error={errorFor('birthDate')} />
      {!value.birthDate ? (
        <TextField label={t('person.approxAge')} value={value.approxAge} onChange={set('approxAge')} inputMode="numeric" error={errorFor('birthYear')} description={t('person.approxAgeHint')} />
      ) : null}
      <Select label={t('person.sex')} value={value.sex} onChange={set('sex')} options={SEXES.map((s) => ({ id: s, label: t(`person.sexes.${s}`) }))} />
      <Select
        label={t('person.idType')}
        value={value.idType}
        onChange={set('idType')}
        options={[{ id: 'none', label: t('person.idTypes.none') }, ...ID_TYPES.map((s) => ({ id: s, label: t(`person.idTypes.${s}`) }))]}
      />
      {value.idType !== 'none' ? (
        <TextField label={t('person.idNumber')} value={value.idNumber} onChange={set('idNumber')} inputMode={value.idType === 'passport' ? 'text' : 'numeric'} error={errorFor('idNumber')} />
      ) : null}
      <TextField label={t('person.nationality')} value={value.nationality} onChange={set('nationality')} description={t('person.nationalityHint')} error={errorFor('nationality')} />
      <Select label={t('person.legalStatus')} value={value.legalStatus} onChange={set('legalStatus')} options={LEGAL_STATUSES.map((s) => ({ id: s, label: t(`person.legalStatuses.${s}`) }))} />
      {child ? <TextField label={t('person.school')} value={value.school} onChange={set('school')} /> : null}
      <TextField label={t('person.disability')} value={value.disability} onChange={set('disability')} />
      <TextField label={t('person.phone')} value={value.phone} onChange={set('phone')} type="tel" />
    </div>
  );
}
