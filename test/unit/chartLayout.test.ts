/** The statistics page's SVG chart rules (renderer/src/features/statistics/chartLayout.ts). */
import { describe, expect, it } from 'vitest';
import { countTicks, labelEvery, runsOf, shorten } from '../../renderer/src/features/statistics/chartLayout';

describe('countTicks', () => {
  it('gives whole-number steps of 1, 2 or 5 × 10ⁿ from 0 to at or above the largest value', () => {
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(countTicks(21)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(countTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });
  it('never steps by a fraction and has an axis for an empty chart', () => {
    expect(countTicks(2)).toEqual([0, 1, 2]);
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(-3)).toEqual([0, 1]);
  });
  it('always reaches the largest value', () => {
    for (const max of [3, 7, 11, 49, 50, 51, 99, 101, 999, 20_001]) {
      const ticks = countTicks(max);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(11);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});

describe('labelEvery', () => {
  it('writes every label when they fit and thins them out when they do not', () => {
    expect(labelEvery(12, 880, 64)).toBe(1);
    expect(labelEvery(36, 880, 64)).toBe(3);
    expect(labelEvery(120, 880, 64)).toBe(9);
    expect(labelEvery(1, 880, 64)).toBe(1);
  });
});

describe('runsOf', () => {
  it('splits a series where a value is missing', () => {
    expect(runsOf([1, 2, null, 4, null, null])).toEqual([
      [
        { index: 0, value: 1 },
        { index: 1, value: 2 },
      ],
      [{ index: 3, value: 4 }],
    ]);
    expect(runsOf([null, null])).toEqual([]);
  });
});

describe('shorten', () => {
  it('keeps a label to one line with an ellipsis', () => {
    expect(shorten('Okul', 30)).toBe('Okul');
    expect(shorten('Doğrudan başvuru (birime gelerek)', 12)).toBe('Doğrudan ba…');
  });
});
