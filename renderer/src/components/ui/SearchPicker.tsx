import { ChevronDown } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button as AriaButton, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { fold } from '../../../../shared/text/turkish';

export interface PickerOption {
  id: string;
  label: string;
  /** A second, quieter line part ("· Mahkeme"); not searched. */
  hint?: string;
}

/**
 * Every word typed appears in the text, Turkish-folded: "kecioren" finds
 * "Keçiören", "cocuk izlem" finds "Çocuk İzlem Merkezi" (issue 14).
 */
export function foldedMatch(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

interface Common {
  label: string;
  options: PickerOption[];
  description?: ReactNode;
  error?: string | null;
  isRequired?: boolean;
  placeholder?: string;
  /** Accessible name of the button that shows the whole list. */
  showAllLabel?: string;
  emptyText?: string;
  className?: string;
}

function Parts({ label, description, error, placeholder, showAllLabel, emptyText }: Omit<Common, 'options' | 'isRequired' | 'className'>) {
  const { t } = useTranslation();
  return (
    <>
      <Label className="field-label">{label}</Label>
      <div className="combo">
        <Input className="field-input combo-input" placeholder={placeholder} />
        <AriaButton className="combo-button" aria-label={showAllLabel ?? t('common.showAll', { label })}>
          <ChevronDown aria-hidden="true" size={16} />
        </AriaButton>
      </div>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover combo-popover">
        <ListBox className="listbox" renderEmptyState={() => <div className="hint listbox-empty">{emptyText ?? t('common.noMatch')}</div>}>
          {(item: PickerOption) => (
            <ListBoxItem id={item.id} className="listbox-item" textValue={item.label}>
              <span>{item.label}</span>
              {item.hint ? <span className="hint"> · {item.hint}</span> : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </>
  );
}

/**
 * A searchable choice of one option (React Aria ComboBox): the list narrows as
 * you type, Turkish-folded; arrows and Enter pick; the button shows all.
 * The options are the ComboBox's defaultItems so React Aria filters them (with
 * `items` it would not filter at all).
 */
export function SearchPicker({ value, onChange, options, isRequired, className, ...parts }: Common & { value: string | null; onChange(id: string | null): void }) {
  return (
    <ComboBox
      className={`field ${className ?? ''}`}
      defaultItems={options}
      selectedKey={value}
      onSelectionChange={(key: Key | null) => onChange(key === null ? null : String(key))}
      defaultFilter={foldedMatch}
      menuTrigger="focus"
      isInvalid={Boolean(parts.error)}
      isRequired={isRequired}
    >
      <Parts {...parts} />
    </ComboBox>
  );
}

/** Free text with suggestions that narrow as you type (a district, a court's name): any text is kept. */
export function SuggestField({ value, onChange, options, isRequired, className, ...parts }: Omit<Common, 'options'> & { options: string[]; value: string; onChange(text: string): void }) {
  const items = options.map((o) => ({ id: o, label: o }));
  return (
    <ComboBox
      className={`field ${className ?? ''}`}
      defaultItems={items}
      inputValue={value}
      onInputChange={onChange}
      onSelectionChange={(key: Key | null) => key !== null && onChange(String(key))}
      defaultFilter={foldedMatch}
      allowsCustomValue
      menuTrigger="focus"
      isInvalid={Boolean(parts.error)}
      isRequired={isRequired}
    >
      <Parts {...parts} />
    </ComboBox>
  );
}
