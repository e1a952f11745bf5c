import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../electron/core/demo/isoTime';
import { Prng } from '../../electron/core/demo/prng';

describe('demo isoInstant', () => {
  it('gives the same string as toISOString, fractions of a millisecond included', () => {
    const rnd = new Prng(16);
    const samples = [0, -1, 1, 86_399_999, 86_400_000, -86_400_000, -86_400_001, 951_782_400_000, 1_796_083_199_999.9, -0.5, 0.5, 8.64e15, -8.64e15, 253_402_300_799_999, 253_402_300_800_000];
    for (let k = 0; k < 20_000; k += 1) samples.push((rnd.next() - 0.3) * 4e12);
    for (const ms of samples) expect(isoInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('refuses an instant Date cannot hold, as toISOString does', () => {
    for (const ms of [Number.NaN, 8.64e15 + 1, -8.64e15 - 1, Number.POSITIVE_INFINITY]) expect(() => isoInstant(ms)).toThrow(RangeError);
  });
});
