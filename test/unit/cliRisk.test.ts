import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { assess } from '../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import { LEVEL_IDS } from '../../shared/risk-tool/types';
import { runCli } from '../../electron/cli/run';

/** Same harness as cli.test.ts (importing it would run its suite here too). */
async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { KALKAN_DATA_DIR: dir }, interactive: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'kalkan-assess-'));
let files = 0;
function inputFile(content: unknown): string {
  const file = join(dir, `input-${files++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const criteria = INSTRUMENT.domains.flatMap((d) => d.criteria);
const firstAt = (level: string) => criteria.find((c) => c.level === level)!;

describe('kalkan tool', () => {
  it('prints the whole instrument as JSON with the documented field names', async () => {
    const { code, out, err } = await cli(['tool', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.version).toBe(INSTRUMENT.version);
    expect(json.levels.map((l: { id: string }) => l.id)).toEqual([...LEVEL_IDS]);
    for (const level of json.levels) expect(level).toMatchObject({ tr: expect.any(String), en: expect.any(String) });
    expect(json.domains).toHaveLength(INSTRUMENT.domains.length);
    let count = 0;
    for (const domain of json.domains) {
      expect(domain).toMatchObject({ id: expect.any(String), kind: expect.stringMatching(/^(harm|vulnerability)$/), tr: expect.any(String), en: expect.any(String) });
      for (const criterion of domain.criteria) {
        count++;
        expect(criterion).toMatchObject({
          id: expect.any(String),
          level: expect.stringMatching(/^(urgent|high|medium|low|none)$/),
          tr: expect.any(String),
          en: expect.any(String),
          mayBeHigher: expect.any(Boolean),
          inferred: expect.any(Boolean),
        });
      }
    }
    expect(count).toBe(criteria.length);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(INSTRUMENT.rules.map((r) => r.id));
    expect(json.footnotes.map((f: { id: string }) => f.id)).toEqual(INSTRUMENT.footnotes.map((f) => f.id));
    // Age conditions, the vulnerability table without Urgent, guidance and retired ids.
    const byId = new Map<string, { level: string; age?: { min?: number; max?: number } }>(
      json.domains.flatMap((d: { criteria: Array<{ id: string }> }) => d.criteria.map((c) => [c.id, c])),
    );
    expect(byId.get('physical-violence.urgent.1')!.age).toEqual({ max: 4 });
    expect(byId.get('child-marriage.high.1')!.age).toEqual({ min: 16, max: 17 });
    expect(byId.get('neglect.low.1')!.age).toBeUndefined();
    for (const domain of json.domains.filter((d: { kind: string }) => d.kind === 'vulnerability')) {
      for (const criterion of domain.criteria) expect(criterion.level, criterion.id).not.toBe('urgent');
    }
    expect(json.domains.find((d: { id: string }) => d.id === 'child-marriage').guidance.tr).toContain('erişkin olana kadar');
    expect(json.retired['unaccompanied-separated-children.urgent.2']).toBe('unaccompanied-separated-children.high.8');
  });

  it('prints a readable summary in the chosen language', async () => {
    const tr = await cli(['tool']);
    expect(tr.code).toBe(0);
    expect(tr.out).toContain('Öncelik düzeyleri');
    expect(tr.out).toContain(INSTRUMENT.levels[0]!.tr);
    expect(tr.out).toContain(`${INSTRUMENT.domains[0]!.tr} (${INSTRUMENT.domains[0]!.criteria.length} ölçüt)`);
    const en = await cli(['tool', '--lang', 'en']);
    expect(en.out).toContain('Harm types');
    expect(en.out).toContain('Vulnerability types');
    expect(en.out).toContain(INSTRUMENT.domains[0]!.en);
    expect(en.out).toContain(`Total: ${INSTRUMENT.domains.length} domains, ${criteria.length} criteria`);
  });

  it('is listed in help', async () => {
    const { out } = await cli(['--help', '--lang', 'en']);
    expect(out).toContain('kalkan tool [--json]');
    expect(out).toContain('kalkan assess --input FILE.json [--json]');
  });
});

describe('kalkan assess', () => {
  it('prints the computed level, suggestions, deadlines and footnotes as JSON', async () => {
    const ticked = [firstAt('medium').id, firstAt('low').id];
    const { code, out, err } = await cli(['assess', '--input', inputFile({ criteria: ticked, childAge: 14 }), '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ computed: 'medium', instrumentVersion: INSTRUMENT.version });
    expect(json).toEqual(JSON.parse(JSON.stringify({ instrumentVersion: INSTRUMENT.version, ...assess(INSTRUMENT, { criteria: ticked, childAge: 14 }) })));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['computed', 'suggested', 'rules', 'deadlines', 'footnotes']));
  });

  it('suggests with the rule that triggered it', async () => {
    const marked = criteria.find((c) => c.mayBeHigher && (c.level === 'medium' || c.level === 'low'));
    if (!marked) return;
    const { code, out } = await cli(['assess', '--input', inputFile({ criteria: [marked.id] }), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ computed: marked.level, suggested: 'high', rules: [{ rule: 'may-be-higher', criteria: [marked.id], to: 'high' }] });
    const text = await cli(['assess', '--input', inputFile({ criteria: [marked.id] }), '--lang', 'en']);
    expect(text.out).toContain(`Suggested level: ${INSTRUMENT.levels.find((l) => l.id === 'high')!.en}`);
    expect(text.out).toContain(`Triggered by: ${marked.id}`);
  });

  it('prints a readable result in both languages', async () => {
    const file = inputFile({ criteria: [firstAt('high').id] });
    const en = await cli(['assess', '--input', file, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain(`Computed level: ${INSTRUMENT.levels.find((l) => l.id === 'high')!.en}`);
    expect(en.out).toContain('First contact: within 48 hours');
    const tr = await cli(['assess', '--input', file]);
    expect(tr.out).toContain(`Hesaplanan düzey: ${INSTRUMENT.levels.find((l) => l.id === 'high')!.tr}`);
    expect(tr.out).toContain('İlk temas: 48 saat içinde');
    const none = await cli(['assess', '--input', inputFile({ criteria: [] }), '--lang', 'en']);
    expect(none.out).toContain('Suggested level: no escalation suggested');
  });

  it('reports completeness: nothing is incomplete with all 18 domains missing; everything screened is complete and No risk', async () => {
    const all = INSTRUMENT.domains.map((d) => d.id);
    const nothing = JSON.parse((await cli(['assess', '--input', inputFile({ criteria: [] }), '--json'])).out);
    expect(nothing).toMatchObject({ computed: 'none', complete: false, missingDomains: all, warnings: [] });
    expect(nothing.missingDomains).toHaveLength(18);
    const screened = await cli(['assess', '--input', inputFile({ criteria: [], screened: all }), '--json']);
    expect(screened.code).toBe(0);
    expect(JSON.parse(screened.out)).toMatchObject({ computed: 'none', complete: true, missingDomains: [] });
    const medium = firstAt('medium');
    const some = JSON.parse((await cli(['assess', '--input', inputFile({ criteria: [medium.id], screened: all.slice(3) }), '--json'])).out);
    expect(some.missingDomains).toEqual(all.slice(0, 3).filter((id) => !INSTRUMENT.domains.find((d) => d.id === id)!.criteria.some((c) => c.id === medium.id)));
    const text = await cli(['assess', '--input', inputFile({ criteria: [] }), '--lang', 'en']);
    expect(text.out).toContain(`Completeness: not complete; domains neither answered nor screened (18): ${all.join(', ')}`);
  });

  it('warns when a ticked criterion’s age does not fit the child', async () => {
    const file = inputFile({ criteria: ['physical-violence.urgent.1', 'child-marriage.high.1'], childAge: 9 });
    const { code, out } = await cli(['assess', '--input', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).warnings).toEqual([
      { code: 'ageMismatch', criterion: 'physical-violence.urgent.1', age: 9 },
      { code: 'ageMismatch', criterion: 'child-marriage.high.1', age: 9 },
    ]);
    const fits = JSON.parse((await cli(['assess', '--input', inputFile({ criteria: ['physical-violence.urgent.1'], childAge: 3 }), '--json'])).out);
    expect(fits.warnings).toEqual([]);
    const en = await cli(['assess', '--input', file, '--lang', 'en']);
    expect(en.out).toContain("Warning: the age stated in physical-violence.urgent.1 does not fit the child's age (9)");
  });

  it('says how many factors and domains a count rule counted', async () => {
    const lows = INSTRUMENT.domains.filter((d) => d.kind === 'harm').map((d) => d.criteria.find((c) => c.level === 'low' && !c.mayBeHigher)).filter((c) => c !== undefined).slice(0, 2);
    const { out } = await cli(['assess', '--input', inputFile({ criteria: lows.map((c) => c.id) }), '--json']);
    expect(JSON.parse(out).rules).toEqual([{ rule: 'several-low-medium', criteria: lows.map((c) => c.id), from: 'low', to: 'medium', factors: 2, domains: 2 }]);
    const en = await cli(['assess', '--input', inputFile({ criteria: lows.map((c) => c.id) }), '--lang', 'en']);
    expect(en.out).toContain('Triggered by (2 factors in 2 domains):');
  });

  it('names unknown screened domains on one translated line and exits 2', async () => {
    const file = inputFile({ criteria: [], screened: ['neglect', 'no-such-domain'] });
    const en = await cli(['assess', '--input', file, '--json', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.out).toBe('');
    expect(en.err).toBe('Unknown domain ids (screened): no-such-domain');
    const bad = await cli(['assess', '--input', inputFile({ criteria: [], screened: 'neglect' }), '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/is not a valid assessment \(screened\)/);
  });

  it('names unknown criteria on one translated line and exits 2', async () => {
    const file = inputFile({ criteria: [criteria[0]!.id, 'no.such.criterion', 'another-one'] });
    const en = await cli(['assess', '--input', file, '--json', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.out).toBe('');
    expect(en.err).toBe(translator('en')('errors.cli.unknownCriteria', { ids: 'no.such.criterion, another-one' }));
    expect(en.err).toContain('no.such.criterion, another-one');
    const tr = await cli(['assess', '--input', file]);
    expect(tr.code).toBe(2);
    expect(tr.err).toBe(translator('tr')('errors.cli.unknownCriteria', { ids: 'no.such.criterion, another-one' }));
    expect(tr.err).not.toBe(en.err);
  });

  it('refuses a missing, unreadable or malformed input file with exit 2 and one translated line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['assess'], /^Missing option: --input/],
      [['assess', '--input', join(dir, 'absent.json')], /^The input file cannot be read: .*absent\.json$/],
      [['assess', '--input', dir], /^The input file cannot be read: /],
      [['assess', '--input', inputFile('{"criteria": [')], /^The input file is not valid JSON: /],
      [['assess', '--input', inputFile([])], /is not a valid assessment \(-\)/],
      [['assess', '--input', inputFile({ criteria: 'a' })], /is not a valid assessment \(criteria\)/],
      [['assess', '--input', inputFile({ criteria: [1] })], /is not a valid assessment \(criteria\.0\)/],
      [['assess', '--input', inputFile({ criteria: [], childAge: 18 })], /is not a valid assessment \(childAge\)/],
      [['assess', '--input', inputFile({ criteria: [], childAge: 2.5 })], /is not a valid assessment \(childAge\)/],
      [['assess', '--input', inputFile({ criteria: [], childage: 5 })], /is not a valid assessment \(childage\)/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli([...argv, '--lang', 'en']);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err.split('\n'), argv.join(' ')).toHaveLength(1);
      expect(result.err, argv.join(' ')).toMatch(message);
    }
    const tr = await cli(['assess', '--input', inputFile('nope')]);
    expect(tr.err).toMatch(/^Girdi dosyası geçerli bir JSON değil: /);
  });
});
