/**
 * The risk tool's engine: ticked criteria (+ the child's age) → the computed
 * priority level, escalation suggestions with the rule behind each, the
 * deadlines the computed level implies, and the footnotes to show.
 *
 * Pure and deterministic: same instrument and input, same result, in the
 * instrument's order (never the order the criteria were ticked in).
 *
 * The engine never decides for the assessor. The seed's notes say several
 * concerns "may" raise the level ("öncelik düzeyi artabilir") and some
 * criteria "may also be assessed as" a higher level "depending on the
 * situation". Only the first rule ("the higher level is chosen") is
 * mechanical, so it alone produces `computed`. Everything else is a
 * suggestion the assessor accepts or rejects (with a written reason when the
 * final level differs from `computed`), and every suggestion names its rule
 * and the criteria that triggered it so the assessor can judge it.
 */
import { z } from 'zod';
import { deadlinesFor, type Deadline } from './deadlines';
import { LEVEL_IDS, type Criterion, type Domain, type Footnote, type Instrument, type LevelId, type RuleId } from './types';

/** Input of one assessment. Strict, so a misspelt key ("childage") is an error rather than silently ignored. */
export const AssessInput = z.strictObject({
  criteria: z.array(z.string().min(1).max(200)).max(2000),
  /** Domain ids looked at with nothing found ("screened"); a domain is complete when answered or screened. */
  screened: z.array(z.string().min(1).max(200)).max(200).optional(),
  /** Completed years. A child is under 18; the footnotes' age thresholds need it. */
  childAge: z.number().int().min(0).max(17).optional(),
});
export type AssessInput = z.infer<typeof AssessInput>;

/** The rules that can raise a level above `computed` (see `assess` for their exact semantics). */
export type EscalationRuleId = Extract<RuleId, 'several-low-medium' | 'several-vulnerabilities' | 'may-be-higher'>;

export interface Escalation {
  rule: EscalationRuleId;
  /** Ticked criterion ids that triggered the rule, in instrument order. */
  criteria: string[];
  /** Always the computed level. */
  from: LevelId;
  /** The level suggested; always more severe than `from`. */
  to: LevelId;
  /** Count rules only: how many factors (ticked criteria) and how many domains triggered the rule. */
  factors?: number;
  domains?: number;
}

/** A ticked criterion whose stated age does not fit the child's age (shown beside it, never silently accepted). */
export interface AgeMismatch {
  code: 'ageMismatch';
  criterion: string;
  age: number;
}

export interface Assessment {
  computed: LevelId;
  /** The most severe suggestion when one exists; null when no rule raises the level. */
  suggested: LevelId | null;
  /** Every suggestion that raises the level, in rule order; empty when `suggested` is null. */
  rules: Escalation[];
  /** What the computed level asks for (the final level's deadlines come from deadlinesFor). */
  deadlines: Deadline[];
  /** Footnote ids to show, in instrument order. */
  footnotes: string[];
  /** Every domain is answered (a criterion ticked) or screened (looked at, nothing found). */
  complete: boolean;
  /** Ids of the domains neither answered nor screened, in instrument order. */
  missingDomains: string[];
  /** Ticked criteria outside their age range (with the child's age known), in instrument order. */
  warnings: AgeMismatch[];
}

/** Thrown by `assess` when the input names criteria the instrument does not have. */
export class UnknownCriteriaError extends Error {
  constructor(readonly ids: string[]) {
    super(`unknown criteria: ${ids.join(', ')}`);
    this.name = 'UnknownCriteriaError';
  }
}

/** Thrown by `assess` when `screened` names domains the instrument does not have. */
export class UnknownDomainsError extends Error {
  constructor(readonly ids: string[]) {
    super(`unknown domains: ${ids.join(', ')}`);
    this.name = 'UnknownDomainsError';
  }
}

/** 0 = none … 4 = urgent, so "more severe" is ">". */
export function severity(level: LevelId): number {
  return LEVEL_IDS.length - 1 - LEVEL_IDS.indexOf(level);
}

const levelAt = (rank: number): LevelId => LEVEL_IDS[LEVEL_IDS.length - 1 - rank]!;
export const moreSevere = (a: LevelId, b: LevelId): LevelId => (severity(a) >= severity(b) ? a : b);
/** One level up, never above `cap`; a level already at or above the cap stays where it is. */
const oneUp = (level: LevelId, cap: LevelId): LevelId =>
  severity(level) >= severity(cap) ? level : levelAt(Math.min(severity(level) + 1, severity(cap)));

interface Indexed {
  criterion: Criterion;
  domain: Domain;
  /** Position in the instrument, for deterministic output order. */
  order: number;
}

const indexes = new WeakMap<Instrument, Map<string, Indexed>>();

function indexOf(instrument: Instrument): Map<string, Indexed> {
  let index = indexes.get(instrument);
  if (!index) {
    index = new Map();
    let order = 0;
    for (const domain of instrument.domains) for (const criterion of domain.criteria) index.set(criterion.id, { criterion, domain, order: order++ });
    indexes.set(instrument, index);
  }
  return index;
}

/**
 * The current id of a criterion: itself, or the id that replaced it when an earlier
 * version published it (`instrument.retired`); null when the instrument has no such
 * criterion (never had, or it is no longer a criterion).
 */
export function currentCriterionId(instrument: Instrument, id: string): string | null {
  const index = indexOf(instrument);
  if (index.has(id)) return id;
  const replacement = instrument.retired?.[id];
  return replacement && index.has(replacement) ? replacement : null;
}

/** The ids in `ids` the instrument does not know (current or retired with a replacement), each once, in input order. */
export function unknownCriteria(instrument: Instrument, ids: readonly string[]): string[] {
  return [...new Set(ids)].filter((id) => currentCriterionId(instrument, id) === null);
}

/** The domain ids in `ids` the instrument does not have, each once, in input order. */
export function unknownDomains(instrument: Instrument, ids: readonly string[]): string[] {
  const known = new Set(instrument.domains.map((domain) => domain.id));
  return [...new Set(ids)].filter((id) => !known.has(id));
}

/** Whether a child of `age` completed years fits a criterion's stated age (inclusive bounds). */
export function ageFits(age: number, condition: Criterion['age']): boolean {
  if (!condition) return true;
  return (condition.min === undefined || age >= condition.min) && (condition.max === undefined || age <= condition.max);
}

/** The domains with none of `criteria` ticked, in instrument order: what must be screened for the assessment to be complete. */
export function unansweredDomains(instrument: Instrument, criteria: readonly string[]): string[] {
  return missingDomains(instrument, criteria, []);
}

/**
 * Completeness: every domain answered (at least one ticked criterion) or screened.
 * A domain both ticked and screened counts as answered.
 */
export function missingDomains(instrument: Instrument, criteria: readonly string[], screened: readonly string[] = []): string[] {
  const index = indexOf(instrument);
  const answered = new Set(
    criteria.map((id) => currentCriterionId(instrument, id)).flatMap((id) => (id === null ? [] : [index.get(id)!.domain.id])),
  );
  const looked = new Set(screened);
  return instrument.domains.filter((domain) => !answered.has(domain.id) && !looked.has(domain.id)).map((domain) => domain.id);
}

/**
 * Whether a footnote's age range covers a child of `age` completed years.
 * The range is half-open, [min, max): that is how the transcription writes
 * the seed's thresholds — "14 yaşını doldurmuş ancak henüz 15 yaşını
 * tamamlamamış" (child worker) is { min: 14, max: 15 }, young worker
 * { min: 15, max: 18 }, "5 yaşından küçük" { max: 5 } — so a 15-year-old is
 * a young worker and not also a child worker.
 */
export function ageInRange(age: number, range: Footnote['ageRange']): boolean {
  if (!range) return true;
  return (range.min === undefined || age >= range.min) && (range.max === undefined || age < range.max);
}

/**
 * Escalation semantics (the seed's "Notlar" and its "(… olarak da
 * değerlendirilebilir)" marks), each producing at most one suggestion per
 * target level, and only when it is more severe than `computed`:
 *
 * - 'several-low-medium' — "Düşük ve orta düzeyde birden fazla koruma kaygısı
 *   bir arada bulunduğunda öncelik düzeyi artabilir." A "koruma kaygısı" is a
 *   harm type, so this counts harm domains (not criteria) that have at least
 *   one ticked Low or Medium criterion: two Low criteria of one harm type are
 *   one concern. With two or more such domains, suggest one level above
 *   `computed`, at most High: the seed lets several milder concerns add up to
 *   "frequent follow-up", but Urgent ("serious harm / direct, serious
 *   danger") must come from a criterion or the assessor, not from a count.
 * - 'several-vulnerabilities' — "Öncelik düzeyi, birden fazla kırılganlık
 *   faktörünün mevcudiyetiyle de artabilir." Counts vulnerability domains
 *   with a ticked criterion above "none" (a "Risk Yok" description is not a
 *   factor). Two or more: one level above `computed`, at most High, for the
 *   same reason.
 * - 'may-be-higher' — a ticked criterion the seed marks "may also be assessed
 *   as …" (`mayBeHigher`). In the harm table the marks name High on
 *   Medium/Low criteria and Urgent ("Duruma göre 'Acil' olarak da
 *   değerlendirilebilir") on a High one, so the target is High, or Urgent for
 *   a criterion already at High. The vulnerability table has no Acil column
 *   (its header, seed line 847, has four levels): a mark there suggests one
 *   level up and never above High. An Urgent criterion has nothing above it.
 *   Criteria with the same target are cited together.
 *
 * The count rules also say how many factors (ticked criteria) and domains
 * triggered them (`factors`, `domains`), so the assessor sees why.
 *
 * Completeness (`complete`, `missingDomains`) and age warnings never change a
 * level: screening a domain only records that it was looked at.
 *
 * `suggested` is the most severe target. Rules that would not raise the level
 * (because `computed` is already there) are left out, so every entry in
 * `rules` changes something and no level is suggested without a rule.
 */
export function assess(
  instrument: Instrument,
  input: { criteria: readonly string[]; screened?: readonly string[] | undefined; childAge?: number | undefined },
): Assessment {
  const unknown = unknownCriteria(instrument, input.criteria);
  if (unknown.length > 0) throw new UnknownCriteriaError(unknown);
  const unknownScreened = unknownDomains(instrument, input.screened ?? []);
  if (unknownScreened.length > 0) throw new UnknownDomainsError(unknownScreened);

  const index = indexOf(instrument);
  const ticked = [...new Set(input.criteria.map((id) => currentCriterionId(instrument, id)!))].map((id) => index.get(id)!).sort((a, b) => a.order - b.order);

  // 'highest-wins': "Farklı öncelik seviyelerinde birden fazla koruma kaygısının mevcut olduğu durumlarda, daha yüksek öncelik seçilmelidir."
  const computed = ticked.reduce<LevelId>((level, { criterion }) => moreSevere(level, criterion.level), 'none');

  const candidates: Escalation[] = [];
  const propose = (rule: EscalationRuleId, to: LevelId, criteria: Indexed[], counted = false): void => {
    if (severity(to) <= severity(computed)) return;
    const escalation: Escalation = { rule, criteria: criteria.map((c) => c.criterion.id), from: computed, to };
    if (counted) Object.assign(escalation, { factors: criteria.length, domains: distinctDomains(criteria) });
    candidates.push(escalation);
  };

  const lowMedium = ticked.filter(({ domain, criterion }) => domain.kind === 'harm' && (criterion.level === 'low' || criterion.level === 'medium'));
  if (distinctDomains(lowMedium) >= 2) propose('several-low-medium', oneUp(computed, 'high'), lowMedium, true);

  const vulnerabilities = ticked.filter(({ domain, criterion }) => domain.kind === 'vulnerability' && criterion.level !== 'none');
  if (distinctDomains(vulnerabilities) >= 2) propose('several-vulnerabilities', oneUp(computed, 'high'), vulnerabilities, true);

  const byTarget = new Map<LevelId, Indexed[]>();
  for (const entry of ticked) {
    if (!entry.criterion.mayBeHigher || entry.criterion.level === 'urgent') continue;
    const target: LevelId =
      entry.domain.kind === 'vulnerability'
        ? oneUp(entry.criterion.level, 'high')
        : severity(entry.criterion.level) >= severity('high')
          ? 'urgent'
          : 'high';
    if (target === entry.criterion.level) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), entry]);
  }
  for (const target of ['urgent', 'high', 'medium', 'low'] as const) {
    const criteria = byTarget.get(target);
    if (criteria) propose('may-be-higher', target, criteria);
  }

  const suggested = candidates.reduce<LevelId | null>((level, { to }) => (level === null ? to : moreSevere(level, to)), null);
  const missing = missingDomains(
    instrument,
    ticked.map(({ criterion }) => criterion.id),
    input.screened ?? [],
  );
  const warnings: AgeMismatch[] =
    input.childAge === undefined
      ? []
      : ticked.filter(({ criterion }) => !ageFits(input.childAge!, criterion.age)).map(({ criterion }) => ({ code: 'ageMismatch', criterion: criterion.id, age: input.childAge! }));
  return {
    computed,
    suggested,
    rules: candidates,
    deadlines: deadlinesFor(computed),
    footnotes: footnotesFor(instrument, ticked, input.childAge),
    complete: missing.length === 0,
    missingDomains: missing,
    warnings,
  };
}

function distinctDomains(entries: Indexed[]): number {
  return new Set(entries.map((entry) => entry.domain.id)).size;
}

/**
 * Footnotes attached to the ticked criteria, each once, in the instrument's
 * footnote order. A footnote with an age range is shown only when the child's
 * age is unknown or inside the range: the child-worker note is not shown for
 * a 16-year-old, the young-worker note is.
 */
function footnotesFor(instrument: Instrument, ticked: Indexed[], childAge: number | undefined): string[] {
  const attached = new Set(ticked.flatMap(({ criterion }) => criterion.footnotes));
  return instrument.footnotes
    .filter((footnote) => attached.has(footnote.id))
    .filter((footnote) => childAge === undefined || ageInRange(childAge, footnote.ageRange))
    .map((footnote) => footnote.id);
}
