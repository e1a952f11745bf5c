import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LookupKind } from '../../../../shared/api/schemas/cases';
import { useCall } from '../../api/useCall';

/** The office's editable lists (channels, concerns, services) with labels in the app language. */
export function useLookups(kind: LookupKind) {
  const { i18n } = useTranslation();
  // Inactive entries too: a record keeps naming a service or concern the office has since retired,
  // and its label (never its code) is what shows (issue 14). Only active ones are offered.
  const { data } = useCall('lookups.list', { kind, includeInactive: true });
  const en = i18n.language === 'en';
  const all = (data ?? []).map((l) => ({ id: l.code, label: en ? l.labelEn : l.labelTr, active: l.active }));
  const items = all.filter((l) => l.active).map(({ id, label }) => ({ id, label }));
  // A value not in the list is free text (services may be typed), shown as written.
  const labelOf = useCallback((code: string) => all.find((i) => i.id === code)?.label ?? code, [all]);
  return { items, labelOf, loaded: data !== null };
}
