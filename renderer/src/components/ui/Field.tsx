import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextArea, TextField as AriaTextField, type TextFieldProps } from 'react-aria-components';

interface Props extends Omit<TextFieldProps, 'children'> {
  label: string;
  description?: ReactNode;
  /** Translated error for this field (from a server error code or local validation). */
  error?: string | null;
  multiline?: boolean;
  placeholder?: string;
  rows?: number;
}

/** A labelled text field with description and error, accessible by construction. */
export function TextField({ label, description, error, multiline, placeholder, rows, ...props }: Props) {
  return (
    <AriaTextField {...props} isInvalid={Boolean(error) || props.isInvalid} className="field">
      <Label className="field-label">{label}</Label>
      {multiline ? <TextArea className="field-input" placeholder={placeholder} rows={rows ?? 4} /> : <Input className="field-input" placeholder={placeholder} />}
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </AriaTextField>
  );
}
