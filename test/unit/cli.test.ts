import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli';

describe('kalkan CLI', () => {
  it('prints help in Turkish by default and in English with --lang or KALKAN_LANG', async () => {
    const trHelp = await cli(['--help']);
    expect(trHelp.code).toBe(0);
    expect(trHelp.out).toContain('Kullanım: kalkan');
    expect(trHelp.out).toContain('Çıkış kodları');
    const enHelp = await cli(['--help', '--lang', 'en']);
    expect(enHelp.out).toContain('Usage: kalkan');
    expect((await cli(['--help'], { KALKAN_LANG: 'en' })).out).toContain('Exit codes');
  });

  it('documents every exit code in help', async () => {
    const { out } = await cli(['--help', '--lang', 'en']);
    for (const code of [0, 1, 2, 3, 4, 5, 6]) expect(out).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
  });

  it('reports data as JSON with --json', async () => {
    const { code, out } = await cli(['info', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ name: 'Kalkan', schemaVersion: expect.any(Number) });
  });

  it('exits 2 with one translated line for usage errors, never a stack', async () => {
    const unknown = await cli(['frobnicate', '--lang', 'en']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('Unknown command: frobnicate. For help: kalkan --help');
    const badOption = await cli(['info', '--bogus']);
    expect(badOption.code).toBe(2);
    expect(badOption.err.split('\n')).toHaveLength(1);
    expect(badOption.err).toContain('--bogus');
    expect(badOption.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a password on the command line', async () => {
    for (const arg of ['--password', '--password=hunter2', '-p']) {
      const result = await cli(['info', arg, 'hunter2', '--lang', 'en']);
      expect(result.code).toBe(2);
      expect(result.err).toContain('KALKAN_PASSWORD');
      expect(result.err).not.toContain('hunter2');
    }
  });
});
