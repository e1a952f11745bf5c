/**
 * Ekler in a print dialog (issue 17): tick which of the case's attachments the
 * document lists under "Ekler", and whether the chosen PDFs are appended to the
 * printed file (electron/core/documents/annexes.ts).
 */
import { Checkbox, CheckboxGroup, Label, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export interface AnnexOption {
  id: number;
  fileName: string;
  kind: string;
}

export function AnnexPicker({
  options,
  value,
  onChange,
  append,
  onAppendChange,
}: {
  options: readonly AnnexOption[];
  value: readonly number[];
  onChange(ids: number[]): void;
  append: boolean;
  onAppendChange(append: boolean): void;
}) {
  const { t } = useTranslation();
  if (!options.length) return <p className="hint">{t('documents.ui.annex.none')}</p>;
  const chosenPdf = options.some((o) => o.kind === 'pdf' && value.includes(o.id));
  return (
    <>
      <CheckboxGroup
        value={value.map(String)}
        // Keep the case's order (newest first), whatever the order of ticking.
        onChange={(v) => onChange(options.filter((o) => v.includes(String(o.id))).map((o) => o.id))}
        className="checkbox-group"
        data-testid="annex-picker"
      >
        <Label>{t('documents.ui.annex.label')}</Label>
        <Text slot="description" className="hint">
          {t('documents.ui.annex.hint')}
        </Text>
        {options.map((o) => (
          <Checkbox key={o.id} value={String(o.id)} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {o.fileName}
          </Checkbox>
        ))}
      </CheckboxGroup>
      <Checkbox isSelected={append && chosenPdf} onChange={onAppendChange} isDisabled={!chosenPdf} className="checkbox">
        <span className="checkbox-box" aria-hidden="true" />
        {t('documents.ui.annex.append')}
      </Checkbox>
      {chosenPdf ? <p className="hint">{t('documents.ui.annex.appendHint')}</p> : null}
    </>
  );
}
