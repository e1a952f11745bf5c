import { ChevronDown } from 'lucide-react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select as AriaSelect, SelectValue, type Key } from 'react-aria-components';

export interface Option {
  id: string;
  label: string;
}

/** A labelled single-choice list (React Aria Select): keyboard and screen-reader ready. */
export function Select({ label, options, value, onChange, className }: { label: string; options: Option[]; value: string; onChange(value: string): void; className?: string }) {
  return (
    <AriaSelect selectedKey={value} onSelectionChange={(key: Key | null) => key !== null && onChange(String(key))} className={`field ${className ?? ''}`}>
      <Label className="field-label">{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <ChevronDown aria-hidden="true" size={16} />
      </Button>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
