import { FolderOpen } from 'lucide-react';
import { Group, Input, Label, Text, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HostDialogPurpose } from '../../../../shared/api/host';
import { hostDialogs } from '../../api/host';
import { Button } from './Button';
import { TextField } from './Field';

interface Props {
  label: string;
  description?: string;
  value: string;
  onChange(value: string): void;
  /** folder: a folder to write into; open: an existing file; save: a new file. */
  mode: 'folder' | 'open' | 'save';
  purpose: HostDialogPurpose;
  /** A file name offered by the save dialog. */
  defaultName?: string;
  placeholder?: string;
  isRequired?: boolean;
  error?: string | null;
}

/**
 * A path on this computer. In the app it is chosen with the host's native dialog
 * (the path is shown, read-only, with a "Choose…" button); in the browser harness,
 * which has no dialogs, it is typed.
 */
export function PathField({ label, description, value, onChange, mode, purpose, defaultName, placeholder, isRequired, error }: Props) {
  const { t } = useTranslation();
  const host = hostDialogs();
  if (!host) {
    return <TextField label={label} description={description} value={value} onChange={onChange} placeholder={placeholder} isRequired={isRequired} error={error} />;
  }
  const choose = async () => {
    const start = value || defaultName;
    const request = start ? { purpose, defaultPath: start } : { purpose };
    const chosen = await (mode === 'folder' ? host.chooseFolder(request) : mode === 'open' ? host.chooseOpenFile(request) : host.chooseSaveFile(request));
    if (chosen) onChange(chosen);
  };
  return (
    <AriaTextField value={value} isReadOnly isRequired={isRequired} isInvalid={Boolean(error)} className="field">
      <Label className="field-label">{label}</Label>
      <Group className="path-group">
        <Input className="field-input" placeholder={t('host.notChosen')} />
        <Button onPress={() => void choose()} aria-label={`${t('host.choose')} (${label})`}>
          <FolderOpen aria-hidden="true" size={16} /> {t('host.choose')}
        </Button>
      </Group>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      {error ? <Text slot="errorMessage" className="field-error">{error}</Text> : null}
    </AriaTextField>
  );
}
