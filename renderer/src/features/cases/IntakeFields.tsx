import { Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { localDay, localTime } from '../../../../shared/time/localDays';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { localMoment } from '../../i18n/format';
import { useLookups } from './useLookups';

export interface IntakeDraft {
  day: string;
  time: string;
  channel: string;
  anonymous: boolean;
  reporterName: string;
  relation: string;
  reporterPhone: string;
  concerns: string[];
  summary: string;
}

export function emptyIntake(now = new Date()): IntakeDraft {
  return {
    day: localDay(now),
    time: localTime(now),
    channel: '',
    anonymous: false,
    reporterName: '',
    relation: '',
    reporterPhone: '',
    concerns: [],
    summary: '',
  };
}

/** The API shape of a report (local date and time sent with the workstation's offset). */
export function intakeInput(d: IntakeDraft) {
  return {
    receivedAt: d.day ? localMoment(d.day, d.time) : '',
    channel: d.channel,
    reporter: {
      anonymous: d.anonymous,
      name: d.anonymous ? null : d.reporterName || null,
      relation: d.relation || null,
      phone: d.anonymous ? null : d.reporterPhone || null,
    },
    concerns: d.concerns,
    summary: d.summary,
  };
}

/** Who reported what, when and how: the report part of an intake, a repeated report or a reopening. */
export function IntakeFields({ value, onChange, errorFor }: { value: IntakeDraft; onChange(next: IntakeDraft): void; errorFor(field: string): string | null }) {
  const { t } = useTranslation();
  const channels = useLookups('channel');
  const concerns = useLookups('concern');
  const set = <K extends keyof IntakeDraft>(key: K) => (v: IntakeDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <>
      <div className="grid-fields">
        <DateInput label={t('intake.receivedDay')} value={value.day} onChange={set('day')} isRequired error={errorFor('receivedAt')} />
        <TextField label={t('intake.receivedTime')} value={value.time} onChange={set('time')} placeholder="14:30" />
        <Select label={t('intake.channel')} value={value.channel} onChange={set('channel')} options={channels.items} />
      </div>
      {errorFor('channel') ? <p className="field-error">{errorFor('channel')}</p> : null}
      <Checkbox className="checkbox" isSelected={value.anonymous} onChange={set('anonymous')}>
        <span className="checkbox-box" aria-hidden="true" />
        {t('intake.anonymous')}
      </Checkbox>
      <div className="grid-fields">
        {!value.anonymous ? <TextField label={t('intake.reporterName')} value={value.reporterName} onChange={set('reporterName')} /> : null}
        <TextField label={t('intake.reporterRelation')} value={value.relation} onChange={set('relation')} description={t('intake.reporterRelationHint')} />
        {!value.anonymous ? <TextField label={t('intake.reporterPhone')} value={value.reporterPhone} onChange={set('reporterPhone')} type="tel" /> : null}
      </div>
      <CheckboxGroup value={value.concerns} onChange={set('concerns')} className="checkbox-group concern-grid" isRequired isInvalid={Boolean(errorFor('concerns'))}>
        <Label className="field-label">{t('intake.concerns')}</Label>
        <div className="concern-options">
          {concerns.items.map((c) => (
            <Checkbox key={c.id} value={c.id} className="checkbox">
              <span className="checkbox-box" aria-hidden="true" />
              {c.label}
            </Checkbox>
          ))}
        </div>
        {errorFor('concerns') ? <p className="field-error">{errorFor('concerns')}</p> : null}
      </CheckboxGroup>
      <TextField label={t('intake.summary')} multiline rows={5} value={value.summary} onChange={set('summary')} isRequired error={errorFor('summary')} />
    </>
  );
}
