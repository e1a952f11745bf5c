/**
 * Generated passphrases for PDFs that leave the office (issue 13): five common Turkish words,
 * written without diacritics so the recipient can type them on any keyboard, joined by hyphens.
 * 294 words → about 41 bits; each candidate must also pass the account password check
 * (length, no names of the user or office, zxcvbn score), else another is drawn. Randomness from
 * `crypto.getRandomValues` (the renderer's and Node's), without modulo bias.
 */
import { checkPassword } from './passwordPolicy';

export const PASSPHRASE_WORDS: readonly string[] = [
  'elma', 'armut', 'kiraz', 'erik', 'incir', 'kavun', 'karpuz', 'limon', 'portakal', 'mandalina', 'ayva', 'nar', 'dut', 'kalem',
  'defter', 'kitap', 'masa', 'sandalye', 'kapi', 'pencere', 'duvar', 'tavan', 'zemin', 'lamba', 'perde', 'deniz', 'nehir',
  'dere', 'orman', 'tepe', 'dag', 'ova', 'vadi', 'ada', 'koy', 'burun', 'kaya', 'tas', 'kum', 'bulut', 'yagmur', 'kar', 'dolu',
  'ruzgar', 'firtina', 'gunes', 'yildiz', 'gezegen', 'sabah', 'gece', 'mavi', 'sari', 'mor', 'turuncu', 'pembe', 'beyaz',
  'siyah', 'gri', 'kahve', 'lacivert', 'bordo', 'kedi', 'kopek', 'inek', 'koyun', 'keci', 'tavuk', 'horoz', 'kaz', 'ordek',
  'tavsan', 'kaplan', 'aslan', 'ayi', 'kurt', 'tilki', 'zeytin', 'ekmek', 'peynir', 'bal', 'recel', 'tereyag', 'yumurta',
  'corba', 'pilav', 'makarna', 'salata', 'biber', 'domates', 'patates', 'sogan', 'sarimsak', 'havuc', 'marul', 'lahana',
  'bezelye', 'fasulye', 'mercimek', 'nohut', 'bugday', 'arpa', 'tren', 'vapur', 'otobus', 'araba', 'bisiklet', 'ucak', 'gemi',
  'kayik', 'tekne', 'sandal', 'ceket', 'gomlek', 'etek', 'pantolon', 'corap', 'ayakkabi', 'sapka', 'eldiven', 'atki', 'kemer',
  'sehir', 'kasaba', 'mahalle', 'sokak', 'cadde', 'meydan', 'park', 'bahce', 'tarla', 'bag', 'bostan', 'kale', 'kule', 'kopru',
  'liman', 'iskele', 'fener', 'saray', 'cami', 'okul', 'hastane', 'market', 'firin', 'zil', 'saat', 'takvim', 'ayna', 'tarak',
  'sabun', 'havlu', 'yastik', 'yorgan', 'battal', 'kemik', 'deri', 'sac', 'goz', 'kulak', 'agiz', 'dis', 'dil', 'parmak', 'kol',
  'bacak', 'ayak', 'diz', 'omuz', 'agac', 'dal', 'yaprak', 'kok', 'cicek', 'tohum', 'filiz', 'diken', 'cimen', 'yosun', 'mantar',
  'sarmasik', 'gul', 'lale', 'menekse', 'papatya', 'zambak', 'nergis', 'karanfil', 'sumbul', 'manolya', 'kardelen', 'keman',
  'ney', 'saz', 'davul', 'zurna', 'flut', 'piyano', 'gitar', 'demir', 'bakir', 'gumus', 'altin', 'kursun', 'cinko', 'kalay',
  'tuz', 'seker', 'kuzey', 'guney', 'dogu', 'bati', 'orta', 'yakin', 'uzak', 'yukari', 'asagi', 'bir', 'iki', 'dort', 'bes',
  'alti', 'yedi', 'sekiz', 'dokuz', 'yuz', 'bin', 'hafif', 'agir', 'sicak', 'soguk', 'ilik', 'yumusak', 'sert', 'tatli', 'eksi',
  'aci', 'tuzlu', 'genis', 'dar', 'uzun', 'kisa', 'yuksek', 'alcak', 'derin', 'sig', 'ince', 'kalin', 'yavas', 'hizli', 'sessiz',
  'neseli', 'sakin', 'temiz', 'yeni', 'eski', 'genc', 'yasli', 'kosmak', 'yurumek', 'yuzmek', 'ucmak', 'gezmek', 'okumak',
  'yazmak', 'cizmek', 'boyamak', 'muz', 'kayisi', 'seftali', 'hurma', 'ceviz', 'findik', 'badem', 'fistik', 'kestane', 'balina',
  'yunus', 'ahtapot', 'midye', 'istakoz', 'karides', 'levrek', 'hamsi', 'palamut', 'serce', 'kartal', 'sahin', 'guvercin',
  'baykus', 'leylek', 'turna', 'kumru', 'bulbul', 'karga',
];

export const PASSPHRASE_WORD_COUNT = 5;

/** Bits of entropy of a generated passphrase (the word choice alone). */
export const PASSPHRASE_BITS = PASSPHRASE_WORD_COUNT * Math.log2(PASSPHRASE_WORDS.length);

/** A uniform integer in [0, n), by rejection (no modulo bias). */
function uniform(n: number, random: (buffer: Uint32Array) => Uint32Array): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buffer = new Uint32Array(1);
  for (;;) {
    const value = random(buffer)[0]!;
    if (value < limit) return value % n;
  }
}

const systemRandom = (buffer: Uint32Array): Uint32Array => globalThis.crypto.getRandomValues(buffer);

export function generatePassphrase(
  context: Parameters<typeof checkPassword>[1] = {},
  random: (buffer: Uint32Array) => Uint32Array = systemRandom,
): string {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const words = Array.from({ length: PASSPHRASE_WORD_COUNT }, () => PASSPHRASE_WORDS[uniform(PASSPHRASE_WORDS.length, random)]!);
    const candidate = words.join('-');
    if (checkPassword(candidate, context).ok) return candidate;
  }
  throw new Error('passphrase: no candidate passed the check');
}
