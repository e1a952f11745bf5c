import { parseDate, type CalendarDate } from '@internationalized/date';
import { DateField, DateInput as AriaDateInput, DateSegment, FieldError, Label } from 'react-aria-components';

/**
 * A date field in the app's language (dd.MM.yyyy in Turkish), typed segment by
 * segment with the keyboard. Value in and out as ISO yyyy-MM-dd ('' = empty).
 */
export function DateInput({ label, value, onChange, error, isRequired }: { label: string; value: string; onChange(value: string): void; error?: string | null; isRequired?: boolean }) {
  let parsed: CalendarDate | null = null;
  try {
    parsed = value ? parseDate(value) : null;
  } catch {
    parsed = null;
  }
  return (
    <DateField value={parsed} onChange={(d) => onChange(d ? d.toString() : '')} isInvalid={Boolean(error)} isRequired={isRequired} className="field" granularity="day">
      <Label className="field-label">{label}</Label>
      <AriaDateInput className="field-input date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</AriaDateInput>
      <FieldError className="field-error">{error}</FieldError>
    </DateField>
  );
}
