/**
 * The password policy, one function used by the set-up and password forms (for
 * the strength meter and messages) and by the core (which enforces it).
 * NIST SP 800-63B style: long passphrases over composition rules; at least 12
 * characters, not built from the user's own name or the office's, and not
 * guessable by zxcvbn's estimate (score 3 of 4 or better).
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { fold } from '../text/turkish';

zxcvbnOptions.setOptions({
  dictionary: {
    ...common.dictionary,
    // Words every Turkish office password list starts with.
    kalkan: ['kalkan', 'cocuk', 'koruma', 'sifre', 'parola', 'istanbul', 'ankara', 'izmir', 'turkiye', 'belediye', 'sosyal', 'hizmet', 'merhaba', 'galatasaray', 'fenerbahce', 'besiktas', 'trabzonspor'],
  },
  graphs: common.adjacencyGraphs,
});

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_SCORE = 3;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'containsName' | 'tooWeak';

export interface PasswordCheck {
  ok: boolean;
  /** 0–4, for the strength meter. */
  score: number;
  problems: PasswordProblem[];
}

export function checkPassword(password: string, context: { username?: string; displayName?: string; officeName?: string } = {}): PasswordCheck {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('tooShort');
  if (length > MAX_PASSWORD_LENGTH) problems.push('tooLong');
  const folded = fold(password).replace(/\s/g, '');
  const names = [context.username, ...(context.displayName ?? '').split(/\s+/), context.officeName]
    .filter((n): n is string => Boolean(n))
    .map((n) => fold(n).replace(/\s/g, ''))
    .filter((n) => n.length >= 3);
  if (names.some((name) => folded.includes(name))) problems.push('containsName');
  const inputs = names.flatMap((n) => [n]);
  // zxcvbn is slow on very long inputs: a longer password is judged by its first and its last
  // 100 characters (the better of the two), never waved through for its length alone.
  const chars = [...password];
  const score =
    length > 100
      ? Math.max(zxcvbn(chars.slice(0, 100).join(''), inputs).score, zxcvbn(chars.slice(-100).join(''), inputs).score)
      : zxcvbn(password, inputs).score;
  if (score < MIN_SCORE && length >= MIN_PASSWORD_LENGTH) problems.push('tooWeak');
  return { ok: problems.length === 0, score: problems.includes('tooShort') ? Math.min(score, 1) : score, problems };
}
