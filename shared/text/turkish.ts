/**
 * Turkish-aware text helpers used by search, sorting, duplicate detection and
 * user names. One place for these rules: the database stores the folded and
 * sort-key forms produced here, and queries are folded the same way.
 */

const FOLD_MAP: Record<string, string> = {
  ç: 'c', Ç: 'c', ğ: 'g', Ğ: 'g', ı: 'i', I: 'i', İ: 'i', i: 'i', ö: 'o', Ö: 'o', ş: 's', Ş: 's', ü: 'u', Ü: 'u',
  â: 'a', Â: 'a', î: 'i', Î: 'i', û: 'u', Û: 'u',
};

/**
 * Search folding: lower case, Turkish letters to their ASCII base (ç→c, ğ→g,
 * ı/İ/I→i, ö→o, ş→s, ü→u), other diacritics removed, whitespace collapsed.
 * "ÖZTÜRK", "Öztürk" and "ozturk" all fold to "ozturk".
 */
export function fold(text: string): string {
  // Same result as mapping each code point through FOLD_MAP, then NFD and dropping marks;
  // written with one regex pass and a pure-ASCII shortcut because search indexing folds a
  // million notes.
  let out = text.normalize('NFC').replace(FOLD_RE, (ch) => FOLD_MAP[ch]!);
  if (NON_ASCII.test(out)) out = out.normalize('NFD').replace(/\p{M}/gu, '');
  return out.toLowerCase().replace(/\s+/g, ' ').trim();
}
const FOLD_RE = new RegExp(`[${Object.keys(FOLD_MAP).join('')}]`, 'g');
const NON_ASCII = /[\u0080-\uffff]/;

/** Upper case with Turkish rules (i→İ, ı→I), for names on documents. */
export const upperTr = (text: string): string => text.toLocaleUpperCase('tr-TR');
/** Lower case with Turkish rules (I→ı, İ→i). */
export const lowerTr = (text: string): string => text.toLocaleLowerCase('tr-TR');

const collators = new Map<string, Intl.Collator>();
/** Collator for on-screen sorting: Turkish alphabet order (c < ç < d, ı < i, …). */
export function collator(locale = 'tr-TR'): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** Turkish alphabet: 29 letters in order. */
const ALPHABET = 'abcçdefgğhıijklmnoöprsştuüvyz';

/**
 * A string whose plain binary order (SQLite's default) equals Turkish
 * alphabetical order, for ORDER BY on an indexed column. Each letter maps to a
 * two-character code by its place in the Turkish alphabet; digits sort first,
 * other characters after letters; digit runs compare by value.
 */
export function sortKey(text: string): string {
  let out = '';
  // Pad digit runs so "2" sorts before "10", as the collator's numeric option does.
  const padded = text.replace(/\d+/g, (digits) => digits.padStart(12, '0'));
  for (const raw of lowerTrFast(padded.normalize('NFC')).replace(/\s+/g, ' ').trim()) {
    const ch = FOLD_EXTRA[raw] ?? raw;
    const code = LETTER_CODES.get(ch);
    if (code !== undefined) out += code;
    else if (ch >= '0' && ch <= '9') out += `0${ch}`;
    else if (ch === ' ') out += '  ';
    else out += `~${ch}`;
  }
  return out;
}
/** Two-character code of each letter by its place in the Turkish alphabet ('a' → 'aa', 'ç' → 'ad' …). */
const LETTER_CODES = new Map([...ALPHABET].map((ch, index) => [ch, String.fromCharCode(0x41 + Math.floor(index / 26), 0x41 + (index % 26)).toLowerCase()]));
/** lowerTr for NFC text without the ICU call (Turkish lower-casing differs from the default only for I and İ). */
const lowerTrFast = (text: string): string => text.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase();
/** Letters outside the Turkish alphabet sort with their nearest Turkish letter (â→a, q→k, w→v, x→ks). */
const FOLD_EXTRA: Record<string, string> = { â: 'a', î: 'i', û: 'u', q: 'k', w: 'v', x: 'k', é: 'e', è: 'e', ä: 'a', ë: 'e' };

/**
 * TC kimlik numarası check: 11 digits, first not 0, digit 10 and digit 11 are
 * the published checksums.
 */
export function isValidTcKimlik(value: string): boolean {
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  const d = [...value].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = d.slice(0, 10).reduce((a, b) => a + b, 0) % 10;
  return d[9] === tenth && d[10] === eleventh;
}
