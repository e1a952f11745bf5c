/**
 * How documents name things: people, ages, ID numbers, risk levels, the
 * office's editable lists (lookups) and the risk tool's texts, in the
 * document's language. Pure functions over data already loaded.
 */
import type { TFunction } from 'i18next';
import type { Lookup } from '../../../shared/api/schemas/cases';
import type { Language } from '../../../shared/i18n/languages';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import type { Bilingual, LevelId } from '../../../shared/risk-tool/types';
import { formatDay } from './format';

/** The text of a bilingual item (instrument texts) in the document's language. */
export const inLanguage = (item: Bilingual, language: Language): string => item[language];

/** A risk level as the instrument names it ("Yüksek Öncelik" / "High"). */
export function levelName(level: LevelId | null | undefined, language: Language, t: TFunction): string {
  if (!level) return t('documents.level.unset');
  const found = INSTRUMENT.levels.find((l) => l.id === level);
  return found ? inLanguage(found, language) : level;
}

export const personName = (p: { firstName: string; lastName: string } | null | undefined): string => (p ? `${p.firstName} ${p.lastName}`.trim() : '');

/** Whole years between a birth day and a moment. */
export function ageOn(birthDate: string, on: Date): number {
  const birth = new Date(`${birthDate}T00:00:00`);
  let age = on.getFullYear() - birth.getFullYear();
  if (on.getMonth() < birth.getMonth() || (on.getMonth() === birth.getMonth() && on.getDate() < birth.getDate())) age -= 1;
  return age;
}

/** "14.03.2015 (11 yaşında)", "yaklaşık 2015", or null when nothing is known. */
export function birthText(
  p: { birthDate: string | null; birthYear: number | null; birthApproximate?: boolean },
  language: Language,
  t: TFunction,
  on: Date,
): string | null {
  if (p.birthDate) {
    const age = ageOn(p.birthDate, on);
    const day = formatDay(p.birthDate, language);
    return age >= 0 ? t('documents.person.bornAge', { date: day, count: age }) : day;
  }
  if (p.birthYear) return t('documents.person.bornAbout', { year: p.birthYear });
  return null;
}

/** The ID number exactly as recorded, with its kind: "T.C. kimlik no 10000000146". */
export function idText(p: { idType: 'tc' | 'foreign' | 'passport' | null; idNumber: string | null }, t: TFunction): string | null {
  if (!p.idNumber) return null;
  return p.idType ? `${t(`documents.person.idType.${p.idType}`)} ${p.idNumber}` : p.idNumber;
}

/** Labels of the office's lists (concerns, channels, services) by kind and code. */
export type LookupLabels = (kind: Lookup['kind'], code: string) => string;

export function lookupLabels(lookups: Lookup[], language: Language): LookupLabels {
  const map = new Map(lookups.map((l) => [`${l.kind}|${l.code}`, language === 'tr' ? l.labelTr : l.labelEn]));
  return (kind, code) => map.get(`${kind}|${code}`) ?? code;
}

/** A code of a list with both labels (as the referrals and court areas hand them over). */
export const labelledText = (item: { code: string; labelTr: string | null; labelEn: string | null }, language: Language): string =>
  (language === 'tr' ? item.labelTr : item.labelEn) ?? item.code;

/** Instrument lookups: criterion, its domain, footnotes. */
export function instrumentIndex() {
  const criteria = new Map<string, { domainId: string; index: number }>();
  INSTRUMENT.domains.forEach((domain) => domain.criteria.forEach((criterion, index) => criteria.set(criterion.id, { domainId: domain.id, index })));
  return {
    criterion: (id: string) => {
      const at = criteria.get(id);
      if (!at) return null;
      const domain = INSTRUMENT.domains.find((d) => d.id === at.domainId)!;
      return { domain, criterion: domain.criteria[at.index]! };
    },
    footnote: (id: string) => INSTRUMENT.footnotes.find((f) => f.id === id) ?? null,
    rule: (id: string) => INSTRUMENT.rules.find((r) => r.id === id) ?? null,
  };
}
