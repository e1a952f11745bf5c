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

describe('i18n catalogs', () => {
  const trKeys = leaves(tr as Tree);
  const enKeys = leaves(en as Tree);

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
