import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { DEADLINES, DEADLINE_KINDS, deadlineText, deadlinesFor, dueDates } from '../../shared/risk-tool/deadlines';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import { ageInRange, assess, severity, UnknownCriteriaError, unknownCriteria, type Assessment } from '../../shared/risk-tool/engine';
import { LEVEL_IDS, type Criterion, type Domain, type DomainKind, type Instrument, type LevelId } from '../../shared/risk-tool/types';

const bi = (text: string) => ({ tr: `${text} (tr)`, en: text });

function criterion(id: string, level: LevelId, extra: Partial<Criterion> = {}): Criterion {
  return { id, level, ...bi(id), mayBeHigher: false, inferred: false, footnotes: [], ...extra };
}

function domain(id: string, kind: DomainKind, criteria: Criterion[]): Domain {
  return { id, kind, ...bi(id), criteria };
}

function instrumentOf(domains: Domain[], footnotes: Instrument['footnotes'] = []): Instrument {
  return {
    version: 'test',
    title: bi('fixture'),
    levels: LEVEL_IDS.map((id) => ({ id, ...bi(id), meaning: bi(`${id} meaning`), response: bi(`${id} response`) })),
    domains,
    rules: (['highest-wins', 'several-low-medium', 'several-vulnerabilities', 'may-be-higher', 'follow-up-adapted', 'reassess-on-new-concern'] as const).map(
      (id) => ({ id, ...bi(id) }),
    ),
    footnotes,
  };
}

/** A small instrument shaped like seed 002: harm types and vulnerability types, criteria at every level. */
const FIXTURE = instrumentOf(
  [
    domain('physical', 'harm', [
      criterion('physical.urgent', 'urgent'),
      criterion('physical.high', 'high', { mayBeHigher: true }),
      criterion('physical.medium', 'medium', { mayBeHigher: true }),
      criterion('physical.low', 'low'),
      criterion('physical.low2', 'low'),
      criterion('physical.none', 'none'),
    ]),
    domain('labour', 'harm', [
      criterion('labour.high', 'high', { footnotes: ['child-worker', 'young-worker'] }),
      criterion('labour.medium', 'medium', { footnotes: ['young-worker'] }),
      criterion('labour.low', 'low', { footnotes: ['legal'] }),
    ]),
    domain('neglect', 'harm', [criterion('neglect.medium', 'medium'), criterion('neglect.low', 'low')]),
    domain('disability', 'vulnerability', [criterion('disability.medium', 'medium'), criterion('disability.none', 'none')]),
    domain('poverty', 'vulnerability', [criterion('poverty.low', 'low'), criterion('poverty.medium', 'medium', { mayBeHigher: true })]),
    domain('alone', 'vulnerability', [criterion('alone.high', 'high')]),
  ],
  [
    { id: 'legal', ...bi('legal note') },
    { id: 'child-worker', ...bi('child worker'), ageRange: { min: 14, max: 15 } },
    { id: 'young-worker', ...bi('young worker'), ageRange: { min: 15, max: 18 } },
  ],
);

const allIds = (instrument: Instrument) => instrument.domains.flatMap((d) => d.criteria.map((c) => c.id));
const levelOf = (instrument: Instrument, id: string) => instrument.domains.flatMap((d) => d.criteria).find((c) => c.id === id)!.level;
const maxLevel = (levels: LevelId[]): LevelId => levels.reduce<LevelId>((a, b) => (severity(b) > severity(a) ? b : a), 'none');

/** Arbitrary instruments: up to 6 domains of either kind, up to 6 criteria each, any levels and marks. */
const arbInstrument: fc.Arbitrary<Instrument> = fc
  .array(
    fc.record({
      kind: fc.constantFrom<DomainKind>('harm', 'vulnerability'),
      criteria: fc.array(fc.record({ level: fc.constantFrom(...LEVEL_IDS), mayBeHigher: fc.boolean() }), { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((domains) =>
    instrumentOf(
      domains.map((d, i) =>
        domain(
          `d${i}`,
          d.kind,
          d.criteria.map((c, j) => criterion(`d${i}.c${j}`, c.level, { mayBeHigher: c.mayBeHigher })),
        ),
      ),
    ),
  );

/** An instrument, a ticked subset, another criterion of it, and an optional age. */
const arbCase = (instrument?: Instrument) =>
  (instrument ? fc.constant(instrument) : arbInstrument).chain((inst) => {
    const ids = allIds(inst);
    return fc.record({
      instrument: fc.constant(inst),
      ticked: fc.subarray(ids),
      extra: ids.length > 0 ? fc.constantFrom(...ids) : fc.constant(undefined),
      childAge: fc.option(fc.integer({ min: 0, max: 17 }), { nil: undefined }),
    });
  });

/** The invariants every assessment satisfies, whatever the instrument and the ticks. */
function checkInvariants(instrument: Instrument, ticked: string[], result: Assessment): void {
  expect(result.computed).toBe(maxLevel(ticked.map((id) => levelOf(instrument, id))));
  // No suggestion without a rule, and no rule that suggests nothing.
  if (result.suggested === null) expect(result.rules).toEqual([]);
  else {
    expect(result.rules.length).toBeGreaterThan(0);
    expect(severity(result.suggested)).toBeGreaterThan(severity(result.computed));
    expect(result.suggested).toBe(maxLevel(result.rules.map((r) => r.to)));
  }
  for (const rule of result.rules) {
    expect(['several-low-medium', 'several-vulnerabilities', 'may-be-higher']).toContain(rule.rule);
    expect(rule.from).toBe(result.computed);
    expect(severity(rule.to)).toBeGreaterThan(severity(rule.from));
    expect(rule.criteria.length).toBeGreaterThan(0);
    for (const id of rule.criteria) expect(ticked).toContain(id);
    // Counting concerns never reaches Urgent; only a criterion's own mark can.
    if (rule.rule !== 'may-be-higher') expect(severity(rule.to)).toBeLessThanOrEqual(severity('high'));
  }
  expect(result.deadlines).toEqual(deadlinesFor(result.computed));
  const attached = new Set(ticked.flatMap((id) => instrument.domains.flatMap((d) => d.criteria).find((c) => c.id === id)!.footnotes));
  for (const id of result.footnotes) expect(attached.has(id)).toBe(true);
}

function propertySuite(name: string, cases: () => fc.Arbitrary<{ instrument: Instrument; ticked: string[]; extra: string | undefined; childAge: number | undefined }>) {
  describe(`engine properties (${name})`, () => {
    it('adding a criterion never lowers the computed level', () => {
      fc.assert(
        fc.property(cases(), ({ instrument, ticked, extra }) => {
          if (extra === undefined) return;
          const before = assess(instrument, { criteria: ticked }).computed;
          const after = assess(instrument, { criteria: [...ticked, extra] }).computed;
          expect(severity(after)).toBeGreaterThanOrEqual(severity(before));
        }),
      );
    });

    it('the computed level is the most severe ticked level; every suggestion has a rule and is above it', () => {
      fc.assert(
        fc.property(cases(), ({ instrument, ticked, childAge }) => {
          checkInvariants(instrument, ticked, assess(instrument, { criteria: ticked, childAge }));
        }),
      );
    });

    it('does not depend on the order or repetition of the ticks', () => {
      fc.assert(
        fc.property(
          cases().chain((c) => fc.record({ c: fc.constant(c), shuffled: fc.shuffledSubarray(c.ticked, { minLength: c.ticked.length }) })),
          ({ c, shuffled }) => {
            const a = assess(c.instrument, { criteria: c.ticked, childAge: c.childAge });
            expect(assess(c.instrument, { criteria: [...shuffled, ...shuffled], childAge: c.childAge })).toEqual(a);
          },
        ),
      );
    });

    it('rejects unknown criteria, naming each once', () => {
      fc.assert(
        fc.property(cases(), fc.uniqueArray(fc.string({ minLength: 1 }).map((s) => `unknown:${s}`), { minLength: 1, maxLength: 4 }), ({ instrument, ticked }, bogus) => {
          expect(unknownCriteria(instrument, [...ticked, ...bogus, ...bogus])).toEqual(bogus);
          expect(() => assess(instrument, { criteria: [...bogus, ...ticked] })).toThrow(UnknownCriteriaError);
          try {
            assess(instrument, { criteria: [...bogus, ...ticked] });
          } catch (error) {
            expect((error as UnknownCriteriaError).ids).toEqual(bogus);
          }
        }),
      );
    });
  });
}

propertySuite('arbitrary instruments', () => arbCase());
propertySuite('fixture', () => arbCase(FIXTURE));

describe('engine examples (fixture)', () => {
  const run = (criteria: string[], childAge?: number) => assess(FIXTURE, { criteria, childAge });

  it('nothing ticked is No risk, with the closure review only', () => {
    expect(run([])).toEqual({ computed: 'none', suggested: null, rules: [], deadlines: deadlinesFor('none'), footnotes: [] });
    expect(run([]).deadlines.map((d) => d.kind)).toEqual(['closureReview']);
    expect(run(['physical.none', 'disability.none']).computed).toBe('none');
  });

  it('the highest level wins', () => {
    expect(run(['physical.low', 'neglect.medium', 'labour.high']).computed).toBe('high');
    expect(run(['physical.urgent', 'physical.low']).computed).toBe('urgent');
  });

  it('several low/medium concerns of different harm types suggest one level up', () => {
    expect(run(['physical.low', 'neglect.low'])).toMatchObject({
      computed: 'low',
      suggested: 'medium',
      rules: [{ rule: 'several-low-medium', criteria: ['physical.low', 'neglect.low'], from: 'low', to: 'medium' }],
    });
    expect(run(['neglect.medium', 'labour.low'])).toMatchObject({ computed: 'medium', suggested: 'high' });
  });

  it('two criteria of one harm type are one concern', () => {
    expect(run(['physical.low', 'physical.low2'])).toMatchObject({ computed: 'low', suggested: null, rules: [] });
  });

  it('counting concerns never suggests Urgent and says nothing when the level is already High', () => {
    expect(run(['labour.high', 'physical.low', 'neglect.medium'])).toMatchObject({ computed: 'high', suggested: null, rules: [] });
    expect(run(['alone.high', 'poverty.low'])).toMatchObject({ computed: 'high', suggested: null });
  });

  it('several vulnerability types suggest one level up; No-risk descriptions are not factors', () => {
    expect(run(['poverty.low', 'disability.medium'])).toMatchObject({
      computed: 'medium',
      suggested: 'high',
      rules: [{ rule: 'several-vulnerabilities', criteria: ['disability.medium', 'poverty.low'], from: 'medium', to: 'high' }],
    });
    expect(run(['poverty.low', 'disability.none'])).toMatchObject({ computed: 'low', suggested: null });
    // Vulnerabilities are not harm concerns: only the vulnerability rule fires.
    expect(run(['physical.low', 'poverty.low', 'disability.medium']).rules.map((r) => r.rule)).toEqual(['several-vulnerabilities']);
  });

  it('"may be higher" suggests High, or Urgent for a High criterion, citing the criteria', () => {
    expect(run(['physical.medium'])).toMatchObject({
      computed: 'medium',
      suggested: 'high',
      rules: [{ rule: 'may-be-higher', criteria: ['physical.medium'], from: 'medium', to: 'high' }],
    });
    expect(run(['physical.high', 'poverty.medium'])).toMatchObject({
      computed: 'high',
      suggested: 'urgent',
      rules: [{ rule: 'may-be-higher', criteria: ['physical.high'], from: 'high', to: 'urgent' }],
    });
    expect(run(['physical.medium', 'physical.urgent'])).toMatchObject({ computed: 'urgent', suggested: null, rules: [] });
  });

  it('lists every rule that raises the level; the most severe is suggested', () => {
    const result = run(['neglect.low', 'labour.low', 'poverty.low', 'disability.medium', 'physical.high']);
    expect(result.computed).toBe('high');
    expect(result.rules).toEqual([{ rule: 'may-be-higher', criteria: ['physical.high'], from: 'high', to: 'urgent' }]);
    const mixed = run(['neglect.low', 'labour.low', 'poverty.low', 'disability.medium', 'physical.medium']);
    expect(mixed.rules.map((r) => [r.rule, r.to])).toEqual([
      ['several-low-medium', 'high'],
      ['several-vulnerabilities', 'high'],
      ['may-be-higher', 'high'],
    ]);
    expect(mixed.suggested).toBe('high');
  });

  it('shows the footnotes of the ticked criteria, by the child’s age when known', () => {
    expect(run(['labour.high', 'labour.low']).footnotes).toEqual(['legal', 'child-worker', 'young-worker']);
    expect(run(['labour.high', 'labour.low'], 14).footnotes).toEqual(['legal', 'child-worker']);
    expect(run(['labour.high'], 16).footnotes).toEqual(['young-worker']);
    expect(run(['labour.high'], 15).footnotes).toEqual(['young-worker']);
    expect(run(['labour.high'], 10).footnotes).toEqual([]);
    expect(run(['labour.medium', 'physical.low']).footnotes).toEqual(['young-worker']);
  });

  it('age ranges are [min, max) in completed years; a missing bound is open', () => {
    expect(ageInRange(14, { min: 14, max: 15 })).toBe(true);
    expect(ageInRange(15, { min: 14, max: 15 })).toBe(false);
    expect(ageInRange(15, { min: 15, max: 18 })).toBe(true);
    expect(ageInRange(17, { min: 15, max: 18 })).toBe(true);
    expect(ageInRange(13, { min: 14, max: 15 })).toBe(false);
    expect(ageInRange(4, { max: 5 })).toBe(true);
    expect(ageInRange(5, { max: 5 })).toBe(false);
    expect(ageInRange(3, { min: 16 })).toBe(false);
    expect(ageInRange(3, undefined)).toBe(true);
  });

  it('names unknown criteria', () => {
    expect(unknownCriteria(FIXTURE, ['physical.low', 'nope', 'nope', 'zilch'])).toEqual(['nope', 'zilch']);
    expect(() => run(['physical.low', 'nope'])).toThrow(UnknownCriteriaError);
  });
});

describe('deadlines', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('follow the seed’s table', () => {
    const summary = (level: LevelId) => DEADLINES[level].map((d) => [d.kind, d.within, d.recurrence?.perWeek ?? null]);
    expect(summary('urgent')).toEqual([
      ['firstContact', { hours: 24 }, null],
      ['protection', { hours: 0 }, null],
      ['followUp', { days: 1 }, 7],
      ['assessment', { days: 7 }, null],
      ['casePlan', { days: 7 }, null],
    ]);
    expect(summary('high')).toEqual([
      ['firstContact', { hours: 48 }, null],
      ['followUp', { days: 3 }, 2],
      ['assessment', { days: 7 }, null],
      ['casePlan', { days: 7 }, null],
    ]);
    expect(summary('medium')).toEqual([
      ['firstContact', { days: 7 }, null],
      ['followUp', { days: 7 }, 1],
      ['assessment', { days: 14 }, null],
      ['casePlan', { months: 1 }, null],
    ]);
    expect(summary('low')).toEqual([
      ['monitoring', { months: 1 }, null],
      ['assessment', { months: 1 }, null],
      ['casePlan', { months: 1 }, null],
    ]);
    expect(summary('none')).toEqual([['closureReview', { months: 1 }, null]]);
  });

  it('a more severe level is never later for the same task, and every due date is at or after the start', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (from) => {
        const due = (level: LevelId) => new Map(dueDates(level, from).map((d) => [d.kind, d.due.getTime()]));
        for (let i = 0; i + 1 < LEVEL_IDS.length; i++) {
          const severe = due(LEVEL_IDS[i]!);
          const milder = due(LEVEL_IDS[i + 1]!);
          for (const [kind, time] of milder) if (severe.has(kind)) expect(severe.get(kind)!).toBeLessThanOrEqual(time);
        }
        for (const level of LEVEL_IDS) for (const time of due(level).values()) expect(time).toBeGreaterThanOrEqual(from.getTime());
      }),
    );
  });

  it('counts calendar units in local time and hours as elapsed time', () => {
    process.env.TZ = 'Europe/Berlin'; // DST starts on 30 March 2025
    const from = new Date(2025, 2, 29, 12, 0);
    const byKind = (level: LevelId) => Object.fromEntries(dueDates(level, from).map((d) => [d.kind, d.due]));
    expect(byKind('urgent').firstContact).toEqual(new Date(2025, 2, 30, 13, 0));
    expect(byKind('urgent').protection).toEqual(from);
    expect(byKind('medium').firstContact).toEqual(new Date(2025, 3, 5, 12, 0));
    expect(byKind('medium').casePlan).toEqual(new Date(2025, 3, 29, 12, 0));
    expect(byKind('low').assessment?.getHours()).toBe(12);
    // "Within a month" from 31 January is the end of February, not 3 March.
    expect(dueDates('low', new Date(2025, 0, 31, 9, 0))[0]!.due).toEqual(new Date(2025, 1, 28, 9, 0));
  });

  it('returns copies the caller may change', () => {
    const copy = deadlinesFor('high');
    copy[0]!.within.hours = 1;
    expect(DEADLINES.high[0]!.within.hours).toBe(48);
  });

  it('read well in both languages', () => {
    const tr = translator('tr');
    const en = translator('en');
    const [first, , followUp] = DEADLINES.urgent;
    expect(deadlineText(en, first!)).toBe('First contact: within 24 hours');
    expect(deadlineText(tr, first!)).toBe('İlk temas: 24 saat içinde');
    expect(deadlineText(en, DEADLINES.urgent[1]!)).toBe('Activating protection mechanisms: immediately');
    expect(deadlineText(en, followUp!)).toBe('Follow-up: daily, the first within 1 day');
    expect(deadlineText(en, DEADLINES.high[1]!)).toBe('Follow-up: 2 times a week, the first within 3 days');
    expect(deadlineText(tr, DEADLINES.high[1]!)).toBe('Takip: haftada 2 kez, ilki 3 gün içinde');
    expect(deadlineText(en, DEADLINES.medium[1]!)).toBe('Follow-up: once a week, the first within 7 days');
    expect(deadlineText(tr, DEADLINES.low[0]!)).toBe('Çocuğun iyi olma halinin izlenmesi: 1 ay içinde');
    for (const kind of DEADLINE_KINDS) {
      for (const t of [tr, en]) expect(t(`risk.deadline.kind.${kind}`)).not.toBe(`risk.deadline.kind.${kind}`);
    }
  });
});

// The real transcription of seed 002: every property above runs against it too.
describe('the real instrument (seed 002)', () => {
  const real = INSTRUMENT;

  it('is well formed for the engine: unique ids, known footnotes, five levels in order', () => {
    expect(real.levels.map((l) => l.id)).toEqual([...LEVEL_IDS]);
    const ids = allIds(real);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(real.domains.map((d) => d.id)).size).toBe(real.domains.length);
    const footnoteIds = new Set(real.footnotes.map((f) => f.id));
    expect(footnoteIds.size).toBe(real.footnotes.length);
    for (const c of real.domains.flatMap((d) => d.criteria)) {
      for (const f of c.footnotes) expect(footnoteIds.has(f), `${c.id} → ${f}`).toBe(true);
      expect(c.inferred, c.id).toBe(c.inferredReason !== undefined && c.inferredReason !== '');
    }
    for (const kind of ['harm', 'vulnerability'] as const) expect(real.domains.some((d) => d.kind === kind)).toBe(true);
    for (const rule of ['highest-wins', 'several-low-medium', 'several-vulnerabilities', 'may-be-higher'] as const) {
      expect(real.rules.map((r) => r.id)).toContain(rule);
    }
    for (const f of real.footnotes) if (f.ageRange?.min !== undefined && f.ageRange.max !== undefined) expect(f.ageRange.min).toBeLessThan(f.ageRange.max);
  });

  it('a single criterion gives its own level', () => {
    for (const c of real.domains.flatMap((d) => d.criteria)) expect(assess(real, { criteria: [c.id] }).computed, c.id).toBe(c.level);
  });

  it('everything ticked is Urgent with no suggestion', () => {
    expect(assess(real, { criteria: allIds(real) })).toMatchObject({ computed: 'urgent', suggested: null, rules: [] });
  });

  it('every "may be higher" mark raises a lone criterion below Urgent', () => {
    const marked = real.domains.flatMap((d) => d.criteria).filter((c) => c.mayBeHigher);
    expect(marked.length).toBeGreaterThan(0);
    for (const c of marked.filter((m) => m.level !== 'urgent')) {
      const result = assess(real, { criteria: [c.id] });
      expect(result.rules, c.id).toEqual([{ rule: 'may-be-higher', criteria: [c.id], from: c.level, to: severity(c.level) >= severity('high') ? 'urgent' : 'high' }]);
    }
  });

  it('shows the child-worker or the young-worker note by age', () => {
    const both = real.domains.flatMap((d) => d.criteria).find((c) => c.footnotes.includes('fn8-child-worker') && c.footnotes.includes('fn8-young-worker'));
    if (!both) return;
    const notes = (childAge?: number) => assess(real, { criteria: [both.id], childAge }).footnotes.filter((f) => f.startsWith('fn8-') && f.endsWith('worker'));
    expect(notes()).toEqual(['fn8-child-worker', 'fn8-young-worker']);
    expect(notes(14)).toEqual(['fn8-child-worker']);
    expect(notes(15)).toEqual(['fn8-young-worker']);
    expect(notes(17)).toEqual(['fn8-young-worker']);
    expect(notes(12)).toEqual([]);
  });

  it('two Low harm criteria of different types suggest Medium', () => {
    const lows = real.domains.filter((d) => d.kind === 'harm').flatMap((d) => d.criteria.filter((c) => c.level === 'low' && !c.mayBeHigher).slice(0, 1));
    if (lows.length < 2) return;
    expect(assess(real, { criteria: [lows[0]!.id, lows[1]!.id] })).toMatchObject({ computed: 'low', suggested: 'medium' });
  });
});

propertySuite('seed 002 instrument', () => arbCase(INSTRUMENT));
