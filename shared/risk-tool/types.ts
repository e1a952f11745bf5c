/**
 * Shapes of the risk instrument (seed 002). The instrument itself is data in
 * instrument.ts; the engine in engine.ts is a pure function over it.
 */

/** Ordered from most to least severe; index in LEVEL_ORDER is the severity rank. */
export const LEVEL_IDS = ['urgent', 'high', 'medium', 'low', 'none'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

/** Text in both catalog languages. Turkish is the source, English a faithful translation. */
export interface Bilingual {
  tr: string;
  en: string;
}

export interface Level extends Bilingual {
  id: LevelId;
  /** What the level means for the child (seed's first table row). */
  meaning: Bilingual;
  /** Recommended response as the seed words it. */
  response: Bilingual;
}

export interface Criterion extends Bilingual {
  /** Stable id, e.g. "physical-violence.urgent.1"; never reused once published. */
  id: string;
  level: LevelId;
  /** The seed marks the criterion "may be High depending on the situation" (or similar). */
  mayBeHigher: boolean;
  /** True when the level placement had to be inferred from interleaved OCR columns. */
  inferred: boolean;
  /** One line: why the placement was inferred (present iff inferred). */
  inferredReason?: string;
  /** Footnote ids that apply to this criterion. */
  footnotes: string[];
  /**
   * The child's age the seed text states for this criterion ("5 yaşından küçük" = { max: 4 },
   * "15 yaşından büyük" = { min: 15 }, "16-17 yaş arası" = { min: 16, max: 17 }), in completed
   * years, both bounds inclusive. Absent when the text names no age (or names one only as an
   * example: "özellikle de 15 yaşından küçük").
   */
  age?: AgeCondition;
}

/** Completed years, inclusive bounds; a missing bound is open. */
export interface AgeCondition {
  min?: number;
  max?: number;
}

export type DomainKind = 'harm' | 'vulnerability';

export interface Domain extends Bilingual {
  id: string;
  kind: DomainKind;
  /** Optional definition/description the seed gives for the type. */
  description?: Bilingual;
  /** Advice the seed gives for the whole type (shown with the domain, never ticked). */
  guidance?: Bilingual;
  criteria: Criterion[];
}

export interface Footnote extends Bilingual {
  id: string;
  /** Optional machine-usable age range the footnote concerns (for context-aware display). */
  ageRange?: { min?: number; max?: number };
}

export type RuleId =
  | 'highest-wins'
  | 'several-low-medium'
  | 'several-vulnerabilities'
  | 'may-be-higher'
  | 'follow-up-adapted'
  | 'reassess-on-new-concern';

export interface Rule extends Bilingual {
  id: RuleId;
}

export interface Instrument {
  /** Semver-like string; bump when any criterion text, level or id changes. */
  version: string;
  title: Bilingual;
  levels: Level[];
  domains: Domain[];
  rules: Rule[];
  footnotes: Footnote[];
  /**
   * Criterion ids an earlier version published and this one re-placed: the id that replaces
   * each, or null when the text is no longer a criterion. Assessments keep the ids they were
   * recorded with; this map lets them be read with the current instrument.
   */
  retired?: Readonly<Record<string, string | null>>;
}
