import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { translator } from '../../shared/i18n';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const trKeys = leaves(tr as Tree);
const enKeys = leaves(en as Tree);

describe('i18n catalogs', () => {
  it('have exactly the same keys', () => {
    expect([...trKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys.keys()].filter((k) => !trKeys.has(k))).toEqual([]);
  });

  it('have no empty strings and the same placeholders in both languages', () => {
    for (const [key, text] of trKeys) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(enKeys.get(key) ?? ''));
    }
  });

  it('the Turkish catalog is really Turkish where the texts differ', () => {
    const t = translator('tr');
    expect(t('nav.statistics')).toBe('İstatistikler');
    expect(translator('en')('nav.statistics')).toBe('Statistics');
  });
});

describe('error codes', () => {
  it('every code the core or CLI can return has a message in both languages', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    for (const root of ['electron', 'shared', 'renderer/src']) walk(root);
    const codes = new Set<string>(['internal', 'api.unreachable']);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:CodedError|fail)\(\s*'([a-zA-Z.]+)'/g)) codes.add(m[1]!);
    }
    for (const problem of ['tooShort', 'tooLong', 'containsName', 'tooWeak']) codes.add(`password.${problem}`);
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((code) => !trKeys.has(`errors.${code}`) || !enKeys.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});
