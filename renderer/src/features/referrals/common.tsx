import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution, ReferralState } from '../../../../shared/api/schemas/referrals';
import { todayLocal } from '../../../../shared/time/localDays';
import { useCall } from '../../api/useCall';
import { foldedMatch, SearchPicker } from '../../components/ui/SearchPicker';
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
 * A searchable institution picker (the shared SearchPicker): type part of the
 * name, without Turkish letters if you like; arrow keys and Enter pick; the
 * institution's type shows beside its name.
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
  const options = useMemo(() => institutions.map((item) => ({ id: String(item.id), label: item.name, hint: t(`referrals.institutionType.${item.type}`) })), [institutions, t]);
  return (
    <SearchPicker
      label={label}
      options={options}
      value={value === null ? null : String(value)}
      onChange={(id) => onChange(id === null ? null : Number(id))}
      error={error ?? null}
      isRequired={Boolean(isRequired)}
      placeholder={t('referrals.form.institutionPlaceholder')}
      showAllLabel={t('referrals.form.showInstitutions')}
      emptyText={t('referrals.form.noInstitution')}
      {...(description ? { description } : {})}
    />
  );
}
