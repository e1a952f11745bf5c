import { ChevronDown } from 'lucide-react';
import { useCallback } from 'react';
import { Button as AriaButton, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Institution, ReferralState } from '../../../../shared/api/schemas/referrals';
import { todayLocal } from '../../../../shared/time/localDays';
import { useCall } from '../../api/useCall';
import { foldedMatch } from '../../components/ui/SearchPicker';
import { useLookups } from '../cases/useLookups';

/** Today on this workstation, YYYY-MM-DD. */
export const todayIso = (): string => todayLocal();

/** Every word typed appears in the name, Turkish-folded ("cocuk izlem" finds "Çocuk İzlem Merkezi"). */
export { foldedMatch };

/** The active directory (an office has at most a few hundred entries: loaded once per view). */
export function useInstitutions(includeInactive = false) {
  const state = useCall('institutions.list', { includeInactive, limit: 1000 });
  return { items: state.data ?? [], loaded: state.data !== null, reload: state.reload, error: state.error };
}

/** A service on a referral or in the directory: a service code from the office's list, or free text. */
export function useServiceLabel() {
  const services = useLookups('service');
  return useCallback((value: string) => services.labelOf(value), [services]);
}

export function ReferralStateBadge({ state }: { state: ReferralState }) {
  const { t } = useTranslation();
  return <span className={`status-badge referral-state referral-state-${state}`}>{t(`referrals.state.${state}`)}</span>;
}

/**
 * A searchable institution picker (React Aria ComboBox): type part of the
 * name, without Turkish letters if you like; arrow keys and Enter pick.
 */
export function InstitutionPicker({
  label,
  institutions,
  value,
  onChange,
  error,
  description,
  isRequired,
}: {
  label: string;
  institutions: Institution[];
  value: number | null;
  onChange(id: number | null): void;
  error?: string | null;
  description?: string;
  isRequired?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ComboBox
      className="field"
      // defaultItems, not items: React Aria filters only uncontrolled items (with `items` nothing narrowed).
      defaultItems={institutions}
      selectedKey={value === null ? null : String(value)}
      onSelectionChange={(key) => onChange(key === null ? null : Number(key))}
      defaultFilter={foldedMatch}
      menuTrigger="focus"
      isInvalid={Boolean(error)}
      isRequired={isRequired}
    >
      <Label className="field-label">{label}</Label>
      <div className="combo">
        <Input className="field-input combo-input" placeholder={t('referrals.form.institutionPlaceholder')} />
        <AriaButton className="combo-button" aria-label={t('referrals.form.showInstitutions')}>
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
        <ListBox className="listbox" renderEmptyState={() => <div className="hint listbox-empty">{t('referrals.form.noInstitution')}</div>}>
          {(item: Institution) => (
            <ListBoxItem id={String(item.id)} className="listbox-item" textValue={item.name}>
              <span>{item.name}</span> <span className="hint">· {t(`referrals.institutionType.${item.type}`)}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
