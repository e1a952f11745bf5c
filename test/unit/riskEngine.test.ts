import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { DEADLINES, DEADLINE_KINDS, deadlineText, deadlinesFor, dueDates } from '../../shared/risk-tool/deadlines';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import { ageFits, ageInRange, assess, currentCriterionId, severity, UnknownCriteriaError, unknownCriteria, UnknownDomainsError, type Assessment } from '../../shared/risk-tool/engine';
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
    if (rule.rule !== 'may-be-higher') {
      expect(severity(rule.to)).toBeLessThanOrEqual(severity('high'));
      // The count rules say how many factors and domains triggered them.
      expect(rule.factors).toBe(rule.criteria.length);
      expect(rule.domains).toBe(new Set(rule.criteria.map((id) => instrument.domains.find((d) => d.criteria.some((c) => c.id === id))!.id)).size);
      expect(rule.domains).toBeGreaterThanOrEqual(2);
    }
    // Urgent needs an Urgent criterion or a harm criterion's own mark: never the vulnerability table alone.
    if (rule.to === 'urgent') {
      expect(rule.rule).toBe('may-be-higher');
      for (const id of rule.criteria) expect(instrument.domains.find((d) => d.criteria.some((c) => c.id === id))!.kind).toBe('harm');
    }
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

    it('screening a domain never changes the level, the suggestion, the deadlines or the footnotes', () => {
      fc.assert(
        fc.property(
          cases().chain((c) => fc.record({ c: fc.constant(c), screened: fc.subarray(c.instrument.domains.map((d) => d.id)), more: fc.constantFrom(...c.instrument.domains.map((d) => d.id)) })),
          ({ c, screened, more }) => {
            const before = assess(c.instrument, { criteria: c.ticked, screened, childAge: c.childAge });
            const after = assess(c.instrument, { criteria: c.ticked, screened: [...screened, more], childAge: c.childAge });
            const { complete: _c1, missingDomains: m1, ...levelsBefore } = before;
            const { complete: _c2, missingDomains: m2, ...levelsAfter } = after;
            expect(levelsAfter).toEqual(levelsBefore);
            // Screening only ever removes a domain from the missing ones.
            expect(m2).toEqual(m1.filter((id) => id !== more));
          },
        ),
      );
    });

    it('a domain is missing exactly when nothing in it is ticked and it is not screened', () => {
      fc.assert(
        fc.property(
          cases().chain((c) => fc.record({ c: fc.constant(c), screened: fc.subarray(c.instrument.domains.map((d) => d.id)) })),
          ({ c, screened }) => {
            const result = assess(c.instrument, { criteria: c.ticked, screened });
            const expected = c.instrument.domains.filter((d) => !screened.includes(d.id) && !d.criteria.some((x) => c.ticked.includes(x.id))).map((d) => d.id);
            expect(result.missingDomains).toEqual(expected);
            expect(result.complete).toBe(expected.length === 0);
          },
        ),
      );
    });

    it('the vulnerability table never yields Urgent', () => {
      fc.assert(
        fc.property(cases(), ({ instrument, ticked }) => {
          const kindOf = (id: string) => instrument.domains.find((d) => d.criteria.some((c) => c.id === id))!.kind;
          const vulnerabilityOnly = ticked.filter((id) => kindOf(id) === 'vulnerability' && levelOf(instrument, id) !== 'urgent');
          const result = assess(instrument, { criteria: vulnerabilityOnly });
          expect(result.computed).not.toBe('urgent');
          expect(result.suggested).not.toBe('urgent');
        }),
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
    expect(run([])).toEqual({
      computed: 'none',
      suggested: null,
      rules: [],
      deadlines: deadlinesFor('none'),
      footnotes: [],
      complete: false,
      missingDomains: FIXTURE.domains.map((d) => d.id),
      warnings: [],
    });
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

  it('is complete when every domain is answered or screened', () => {
    const all = FIXTURE.domains.map((d) => d.id);
    expect(run([])).toMatchObject({ complete: false, missingDomains: all });
    expect(assess(FIXTURE, { criteria: [], screened: all })).toMatchObject({ computed: 'none', complete: true, missingDomains: [] });
    expect(assess(FIXTURE, { criteria: ['physical.low', 'disability.none'], screened: ['labour', 'neglect', 'poverty'] })).toMatchObject({
      computed: 'low',
      complete: false,
      missingDomains: ['alone'],
    });
    // A screened domain with a tick is answered; screening twice is once.
    expect(assess(FIXTURE, { criteria: ['alone.high'], screened: [...all, 'alone'] })).toMatchObject({ computed: 'high', complete: true });
    expect(() => assess(FIXTURE, { criteria: [], screened: ['physical', 'nowhere'] })).toThrow(UnknownDomainsError);
  });

  it('warns about a ticked criterion outside its stated age, and only then', () => {
    const aged = instrumentOf([
      domain('h', 'harm', [criterion('h.young', 'high', { age: { max: 4 } }), criterion('h.teen', 'medium', { age: { min: 16, max: 17 } }), criterion('h.any', 'low')]),
    ]);
    const warnings = (criteria: string[], childAge?: number) => assess(aged, { criteria, childAge }).warnings;
    expect(warnings(['h.young', 'h.teen', 'h.any'])).toEqual([]);
    expect(warnings(['h.young', 'h.teen', 'h.any'], 4)).toEqual([{ code: 'ageMismatch', criterion: 'h.teen', age: 4 }]);
    expect(warnings(['h.teen', 'h.young'], 5)).toEqual([
      { code: 'ageMismatch', criterion: 'h.young', age: 5 },
      { code: 'ageMismatch', criterion: 'h.teen', age: 5 },
    ]);
    expect(warnings(['h.teen'], 16)).toEqual([]);
    expect(warnings(['h.teen'], 17)).toEqual([]);
    // A warning never changes the level.
    expect(assess(aged, { criteria: ['h.young'], childAge: 12 }).computed).toBe('high');
    expect(ageFits(4, { max: 4 })).toBe(true);
    expect(ageFits(5, { max: 4 })).toBe(false);
    expect(ageFits(15, { min: 15 })).toBe(true);
    expect(ageFits(14, { min: 15 })).toBe(false);
    expect(ageFits(3, undefined)).toBe(true);
  });

  it('the count rules say how many factors and domains triggered them', () => {
    expect(run(['physical.low', 'physical.low2', 'neglect.low']).rules).toEqual([
      { rule: 'several-low-medium', criteria: ['physical.low', 'physical.low2', 'neglect.low'], from: 'low', to: 'medium', factors: 3, domains: 2 },
    ]);
    expect(run(['poverty.low', 'disability.medium']).rules[0]).toMatchObject({ rule: 'several-vulnerabilities', factors: 2, domains: 2 });
  });

  it('a vulnerability mark suggests one level up, never above High', () => {
    const marked = instrumentOf([
      domain('v', 'vulnerability', [
        criterion('v.high', 'high', { mayBeHigher: true }),
        criterion('v.medium', 'medium', { mayBeHigher: true }),
        criterion('v.low', 'low', { mayBeHigher: true }),
      ]),
      domain('h', 'harm', [criterion('h.low', 'low', { mayBeHigher: true })]),
    ]);
    const run2 = (criteria: string[]) => assess(marked, { criteria });
    expect(run2(['v.high'])).toMatchObject({ computed: 'high', suggested: null, rules: [] });
    expect(run2(['v.medium']).rules).toEqual([{ rule: 'may-be-higher', criteria: ['v.medium'], from: 'medium', to: 'high' }]);
    expect(run2(['v.low']).rules).toEqual([{ rule: 'may-be-higher', criteria: ['v.low'], from: 'low', to: 'medium' }]);
    // The harm table keeps its reach: a harm mark on Low names High.
    expect(run2(['h.low']).rules).toEqual([{ rule: 'may-be-higher', criteria: ['h.low'], from: 'low', to: 'high' }]);
  });

  it('reads retired ids as the criteria that replaced them', () => {
    const renamed: Instrument = { ...FIXTURE, retired: { 'alone.urgent': 'alone.high', 'poverty.none': null } };
    expect(currentCriterionId(renamed, 'alone.urgent')).toBe('alone.high');
    expect(currentCriterionId(renamed, 'alone.high')).toBe('alone.high');
    expect(currentCriterionId(renamed, 'poverty.none')).toBeNull();
    expect(unknownCriteria(renamed, ['alone.urgent', 'poverty.none', 'nope'])).toEqual(['poverty.none', 'nope']);
    expect(assess(renamed, { criteria: ['alone.urgent', 'alone.high'] })).toMatchObject({ computed: 'high', missingDomains: FIXTURE.domains.map((d) => d.id).filter((id) => id !== 'alone') });
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
    // "Hemen": starts at once, due by the first-contact deadline (never overdue the moment it is created).
    expect(byKind('urgent').protection).toEqual(byKind('urgent').firstContact);
    expect(byKind('urgent').protection!.getTime()).toBeGreaterThan(from.getTime());
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

  it('every "may be higher" mark raises a lone criterion below Urgent (one level, at most High, in the vulnerability table)', () => {
    const marked = real.domains.flatMap((d) => d.criteria.map((c) => ({ c, kind: d.kind }))).filter(({ c }) => c.mayBeHigher);
    expect(marked.length).toBeGreaterThan(0);
    for (const { c, kind } of marked.filter((m) => m.c.level !== 'urgent')) {
      const result = assess(real, { criteria: [c.id] });
      const to = kind === 'vulnerability' ? LEVEL_IDS[LEVEL_IDS.indexOf(c.level) - 1]! : severity(c.level) >= severity('high') ? 'urgent' : 'high';
      expect(severity(to)).toBeGreaterThan(severity(c.level));
      if (kind === 'vulnerability') expect(severity(to)).toBeLessThanOrEqual(severity('high'));
      expect(result.rules, c.id).toEqual([{ rule: 'may-be-higher', criteria: [c.id], from: c.level, to }]);
    }
  });

  it('the vulnerability table has four levels: no vulnerability criterion is Urgent', () => {
    const vulnerability = real.domains.filter((d) => d.kind === 'vulnerability');
    expect(vulnerability).toHaveLength(12);
    for (const d of vulnerability) for (const c of d.criteria) expect(c.level, c.id).not.toBe('urgent');
    // The harm table keeps its Urgent column.
    expect(real.domains.filter((d) => d.kind === 'harm').flatMap((d) => d.criteria).filter((c) => c.level === 'urgent').length).toBeGreaterThan(0);
    // Ids follow `${domain}.${level}.${n}`.
    for (const d of real.domains) for (const c of d.criteria) expect(c.id, c.id).toMatch(new RegExp(`^${d.id}\\.${c.level}\\.\\d+$`));
  });

  it('cells that name their own level sit at it; advice is guidance, not a criterion', () => {
    const byText = (text: string) => real.domains.flatMap((d) => d.criteria).filter((c) => c.tr.includes(text));
    const orta = byText('Orta Öncelikli');
    expect(orta.map((c) => c.id).sort()).toEqual([
      'access-to-services-legal-status.medium.5',
      'adolescent-pregnancy-child-parent.medium.3',
      'unaccompanied-separated-children.medium.7',
    ]);
    for (const c of orta) expect(c.level).toBe('medium');
    const marriage = real.domains.find((d) => d.id === 'child-marriage')!;
    expect(marriage.guidance?.tr).toContain('erişkin olana kadar takip');
    expect(byText('erişkin olana kadar')).toEqual([]);
    expect(currentCriterionId(real, 'child-marriage.none.1')).toBeNull();
  });

  it('every retired id of 1.0.0 reads as a current criterion at its new level, and no current id is retired', () => {
    const retired = Object.entries(real.retired ?? {});
    expect(retired.length).toBe(32);
    const ids = new Set(allIds(real));
    for (const [old, replacement] of retired) {
      expect(ids.has(old), old).toBe(false);
      if (replacement === null) continue;
      expect(ids.has(replacement), replacement).toBe(true);
      expect(old.split('.')[0]).toBe(replacement.split('.')[0]);
      expect(assess(real, { criteria: [old] }).computed).toBe(levelOf(real, replacement));
    }
    expect(currentCriterionId(real, 'unaccompanied-separated-children.urgent.2')).toBe('unaccompanied-separated-children.high.8');
    expect(assess(real, { criteria: ['unaccompanied-separated-children.urgent.2'] }).computed).toBe('high');
  });

  it('carries the ages the seed states, and warns when the child does not fit', () => {
    const byId = new Map(real.domains.flatMap((d) => d.criteria).map((c) => [c.id, c]));
    expect(byId.get('physical-violence.urgent.1')!.age).toEqual({ max: 4 });
    expect(byId.get('child-marriage.high.1')!.age).toEqual({ min: 16, max: 17 });
    expect(byId.get('child-labour.high.2')!.age).toEqual({ max: 13 });
    expect(byId.get('unaccompanied-separated-children.high.1')!.age).toEqual({ min: 15 });
    for (const c of byId.values()) if (c.age?.min !== undefined && c.age.max !== undefined) expect(c.age.min).toBeLessThanOrEqual(c.age.max);
    expect(assess(real, { criteria: ['physical-violence.urgent.1'], childAge: 9 }).warnings).toEqual([{ code: 'ageMismatch', criterion: 'physical-violence.urgent.1', age: 9 }]);
    expect(assess(real, { criteria: ['physical-violence.urgent.1'], childAge: 3 }).warnings).toEqual([]);
  });

  it('shows the marriage-age note for any married child under 18', () => {
    const married = ['child-marriage.high.3', 'child-marriage.high.4', 'child-marriage.medium.1', 'child-marriage.medium.4', 'child-marriage.high.1'];
    for (const id of married) for (const age of [12, 15, 17]) expect(assess(real, { criteria: [id], childAge: age }).footnotes, `${id} ${age}`).toContain('fn15-marriage-age');
  });

  it('English texts: one term each for gözaltı and tutukluluk, no clinical "dissociates", statüsüz is without legal status, two groups stay two', () => {
    const all = real.domains.flatMap((d) => d.criteria);
    const withTr = (re: RegExp) => all.filter((c) => re.test(c.tr));
    expect(withTr(/gözaltı/).length).toBeGreaterThan(0);
    for (const c of withTr(/gözaltı/)) expect(c.en, c.id).toContain('police custody');
    for (const c of withTr(/tutuk/)) expect(c.en, c.id).toContain('pre-trial detention');
    for (const c of all) {
      expect(c.en, c.id).not.toMatch(/dissociat|undocumented|\bdetained\b|\barrested\b/i);
      // "custody" alone is police custody; parental custody (velayet) says so.
      if (/velayet/.test(c.tr)) expect(c.en, c.id).toContain('parental custody');
    }
    for (const c of withTr(/statüsüz/)) expect(c.en, c.id).toContain('without legal status');
    expect(all.find((c) => c.tr === 'Çocuk sık sık dalgınlaşmaktadır.')!.en).toBe('The child is often absent-minded/distracted.');
    expect(all.find((c) => c.id === 'child-labour.urgent.4')!.en).toBe('Children drawn into organised crime, and children forced to beg');
  });

  it('footnote 9 says the law ("yasa"), as footnote 8 beside it', () => {
    const fn9 = real.footnotes.find((f) => f.id === 'fn9-priority-age-protective-factors')!;
    expect(fn9.tr).toContain('büyük ölçüde yasa ve');
    expect(fn9.en).toContain('the law');
  });

  it('every domain screened and nothing ticked is complete and No risk; nothing at all misses all 18', () => {
    expect(assess(real, { criteria: [] })).toMatchObject({ complete: false, missingDomains: real.domains.map((d) => d.id) });
    expect(real.domains).toHaveLength(18);
    expect(assess(real, { criteria: [], screened: real.domains.map((d) => d.id) })).toMatchObject({ computed: 'none', complete: true, missingDomains: [] });
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
