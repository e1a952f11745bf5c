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
