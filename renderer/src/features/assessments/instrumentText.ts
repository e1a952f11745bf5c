/**
 * The risk instrument as the screens need it: texts in the app language and
 * lookups by id. The instrument itself is shared data (both catalog languages
 * are in it), so nothing here goes through i18next except the app's own words.
 */
import { isLanguage, type Language } from '../../../../shared/i18n/languages';
import { INSTRUMENT } from '../../../../shared/risk-tool/instrument';
import type { Bilingual, Criterion, Domain, Footnote, Level, LevelId, RuleId } from '../../../../shared/risk-tool/types';

export const languageOf = (language: string): Language => (isLanguage(language) ? language : 'tr');

/** The instrument's text in the app language. */
export const textOf = (value: Bilingual, language: string): string => value[languageOf(language)];

export const LEVELS: ReadonlyMap<LevelId, Level> = new Map(INSTRUMENT.levels.map((level) => [level.id, level]));
export const levelInfo = (level: LevelId): Level => LEVELS.get(level)!;
export const levelName = (level: LevelId, language: string): string => textOf(levelInfo(level), language);

export const RULES: ReadonlyMap<RuleId, Bilingual> = new Map(INSTRUMENT.rules.map((rule) => [rule.id, rule]));
export const ruleText = (rule: RuleId, language: string): string => {
  const found = RULES.get(rule);
  return found ? textOf(found, language) : rule;
};

export const FOOTNOTES: ReadonlyMap<string, Footnote> = new Map(INSTRUMENT.footnotes.map((footnote) => [footnote.id, footnote]));

export interface CriterionEntry {
  criterion: Criterion;
  domain: Domain;
}
export const CRITERIA: ReadonlyMap<string, CriterionEntry> = new Map(
  INSTRUMENT.domains.flatMap((domain) => domain.criteria.map((criterion) => [criterion.id, { criterion, domain }] as const)),
);

/**
 * A stored criterion id as the current instrument reads it: itself, or the
 * criterion that replaced it (an assessment recorded with an earlier version).
 */
export function criterionEntry(id: string): CriterionEntry | undefined {
  const found = CRITERIA.get(id);
  if (found) return found;
  const replacement = INSTRUMENT.retired?.[id];
  return replacement ? CRITERIA.get(replacement) : undefined;
}

export const DOMAINS: ReadonlyMap<string, Domain> = new Map(INSTRUMENT.domains.map((domain) => [domain.id, domain]));

/** The age range of a criterion in words ("4 and under", "15 and over", "16-17"). */
export function ageRangeText(t: (key: string, options?: Record<string, unknown>) => string, age: NonNullable<Criterion['age']>): string {
  if (age.min !== undefined && age.max !== undefined) return t('assessment.ageRange.between', { min: age.min, max: age.max });
  if (age.max !== undefined) return t('assessment.ageRange.max', { max: age.max });
  return t('assessment.ageRange.min', { min: age.min });
}

/** Instrument order (harm types first, as the seed lists them), so saved lists never depend on tick order. */
const ORDER: ReadonlyMap<string, number> = new Map([...CRITERIA.keys()].map((id, index) => [id, index]));
export const inInstrumentOrder = (ids: Iterable<string>): string[] =>
  [...new Set(ids)].filter((id) => ORDER.has(id)).sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);

export const HARM_DOMAINS = INSTRUMENT.domains.filter((domain) => domain.kind === 'harm');
export const VULNERABILITY_DOMAINS = INSTRUMENT.domains.filter((domain) => domain.kind === 'vulnerability');
/** The order the assessor walks: harm types, then vulnerability types. */
export const WALK_ORDER: readonly Domain[] = [...HARM_DOMAINS, ...VULNERABILITY_DOMAINS];

/** Whole years between a birth date (YYYY-MM-DD) and `today`, as core counts them. */
export function ageOn(birthDate: string, today: Date): number {
  const birth = new Date(`${birthDate}T00:00:00`);
  let age = today.getFullYear() - birth.getFullYear();
  if (today.getMonth() < birth.getMonth() || (today.getMonth() === birth.getMonth() && today.getDate() < birth.getDate())) age -= 1;
  return age;
}

/**
 * Core refuses a different final level without a reason this long
 * (MIN_REASON_LENGTH in electron/core/assessments/assessmentsService.ts; the
 * renderer may not import core, and the refusal carries `min` anyway).
 */
export const MIN_REASON_LENGTH = 10;

/** DOM id of a domain's section (the navigator and Alt+arrows jump to it). */
export const sectionId = (domainId: string): string => `domain-${domainId}`;
