import { parseDate, type CalendarDate } from '@internationalized/date';
import { CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import {
  Button as AriaButton,
  Calendar,
  CalendarCell,
  CalendarGrid,
  CalendarGridBody,
  CalendarGridHeader,
  CalendarHeaderCell,
  DateInput as AriaDateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Label,
  Popover,
  Text,
} from 'react-aria-components';

/**
 * A date field with a date picker (issue 14, item 9): typed segment by segment
 * (dd.MM.yyyy in Turkish) or picked from React Aria's calendar, in the app's
 * locale (the I18nProvider's tr-TR / en-GB), weeks starting on Monday.
 * Value in and out as ISO yyyy-MM-dd ('' = empty).
 */
export function DateInput({ label, value, onChange, error, isRequired, description }: { label: string; value: string; onChange(value: string): void; error?: string | null; isRequired?: boolean; description?: string }) {
  const { t } = useTranslation();
  let parsed: CalendarDate | null = null;
  try {
    parsed = value ? parseDate(value) : null;
  } catch {
    parsed = null;
  }
  return (
    <DatePicker value={parsed} onChange={(d) => onChange(d ? d.toString() : '')} isInvalid={Boolean(error)} isRequired={isRequired} className="field" granularity="day" firstDayOfWeek="mon">
      <Label className="field-label">{label}</Label>
      <Group className="field-input date-picker-group">
        <AriaDateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</AriaDateInput>
        <AriaButton className="date-picker-button" aria-label={t('datePicker.open', { label })}>
          <CalendarDays aria-hidden="true" size={16} />
        </AriaButton>
      </Group>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover date-popover" placement="bottom start">
        <Dialog className="date-dialog" aria-label={label}>
          <Calendar className="calendar" firstDayOfWeek="mon">
            <header className="calendar-header">
              <AriaButton slot="previous" className="calendar-nav" aria-label={t('datePicker.previous')}>
                <ChevronLeft aria-hidden="true" size={16} />
              </AriaButton>
              <Heading className="calendar-heading" />
              <AriaButton slot="next" className="calendar-nav" aria-label={t('datePicker.next')}>
                <ChevronRight aria-hidden="true" size={16} />
              </AriaButton>
            </header>
            <CalendarGrid className="calendar-grid" weekdayStyle="short">
              <CalendarGridHeader>{(day) => <CalendarHeaderCell className="calendar-weekday">{day}</CalendarHeaderCell>}</CalendarGridHeader>
              <CalendarGridBody>{(date) => <CalendarCell date={date} className="calendar-cell" />}</CalendarGridBody>
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
