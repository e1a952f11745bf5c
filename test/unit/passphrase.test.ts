/** Generated PDF passphrases (issue 13): Turkish words, strong enough for the account password check. */
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../shared/auth/passwordPolicy';
import { generatePassphrase, PASSPHRASE_BITS, PASSPHRASE_WORD_COUNT, PASSPHRASE_WORDS } from '../../shared/auth/passphrase';

describe('generatePassphrase', () => {
  it('gives five list words that pass the password check, with at least 40 bits from the word choice', () => {
    expect(new Set(PASSPHRASE_WORDS).size).toBe(PASSPHRASE_WORDS.length);
    expect(PASSPHRASE_WORDS.every((w) => /^[a-z]{3,9}$/.test(w))).toBe(true);
    expect(PASSPHRASE_BITS).toBeGreaterThanOrEqual(40);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const phrase = generatePassphrase({ username: 'yonetici', displayName: 'Hülya Yönetici', officeName: 'Beyoğlu Çocuk Koruma Birimi' });
      const words = phrase.split('-');
      expect(words).toHaveLength(PASSPHRASE_WORD_COUNT);
      expect(words.every((w) => PASSPHRASE_WORDS.includes(w))).toBe(true);
      expect(checkPassword(phrase, { username: 'yonetici', displayName: 'Hülya Yönetici', officeName: 'Beyoğlu Çocuk Koruma Birimi' }).ok).toBe(true);
      seen.add(phrase);
    }
    expect(seen.size).toBe(200);
  });

  it('draws again when a candidate fails the check (here: it holds the office name)', () => {
    // A source that first yields the word "deniz" five times, then counts upwards.
    const deniz = PASSPHRASE_WORDS.indexOf('deniz');
    let calls = 0;
    const random = (buffer: Uint32Array) => {
      buffer[0] = calls < 5 ? deniz : calls;
      calls += 1;
      return buffer;
    };
    const phrase = generatePassphrase({ officeName: 'Deniz Çocuk Koruma Birimi' }, random);
    expect(phrase).not.toContain('deniz');
    expect(calls).toBeGreaterThan(5);
    expect(checkPassword('deniz-deniz-deniz-deniz-deniz', { officeName: 'Deniz Çocuk Koruma Birimi' }).ok).toBe(false);
  });
});
