import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LookupKind } from '../../../../shared/api/schemas/cases';
import { useCall } from '../../api/useCall';

/** The office's editable lists (channels, concerns, services) with labels in the app language. */
export function useLookups(kind: LookupKind) {
  const { i18n } = useTranslation();
  const { data } = useCall('lookups.list', { kind });
  const en = i18n.language === 'en';
  const items = (data ?? []).map((l) => ({ id: l.code, label: en ? l.labelEn : l.labelTr }));
  const labelOf = useCallback((code: string) => items.find((i) => i.id === code)?.label ?? code, [items]);
  return { items, labelOf, loaded: data !== null };
}
