/**
 * Percentages (largest remainder) and the hiding of small cells
 * (electron/core/stats/tables.ts): a hidden cell's records are left out of
 * every table of the same records, so no published total gives it away.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTables, largestRemainder, weightedMedian, type CubeRow, type TableSpec } from '../../electron/core/stats/tables';

const spec = (id: string, dim: string, keys: string[], percent = true): TableSpec => ({ id, cell: (r) => r.dims[dim] ?? null, keys, percent });
const row = (a: string, b: string, n: number): CubeRow => ({ dims: { a, b }, n });
const view = (t: { cells: Array<{ key: string; count: number | null; hidden: boolean }> }) => Object.fromEntries(t.cells.map((c) => [c.key, c.hidden ? '<k' : c.count]));

describe('largest remainder', () => {
  it('gives one-decimal percentages that add up to exactly 100', () => {
    expect(largestRemainder([1, 1, 1])).toEqual([33.4, 33.3, 33.3]);
    expect(largestRemainder([2, 1])).toEqual([66.7, 33.3]);
    expect(largestRemainder([1, 0, 0])).toEqual([100, 0, 0]);
    expect(largestRemainder([0, 0])).toEqual([0, 0]);
    // Seed 000's shares as counts: 23 + 13 + 10 + 9 + 9 + 8 + 8 + 5 + 4 + 3 + 2 + 2 + 1 = 97.
    const seed = largestRemainder([23, 13, 10, 9, 9, 8, 8, 5, 4, 3, 2, 2, 1]);
    expect(seed[0]).toBe(23.7);
    expect(Math.round(seed.reduce((a, b) => a + b, 0) * 10)).toBe(1000);
  });

  it('always adds up to 100.0 and never moves a share by more than a tenth (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { minLength: 1, maxLength: 30 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const p = largestRemainder(counts);
        if (total === 0) return p.every((x) => x === 0);
        const tenths = p.map((x) => Math.round(x * 10));
        return tenths.reduce((a, b) => a + b, 0) === 1000 && counts.every((c, i) => Math.abs(tenths[i]! - (c * 1000) / total) < 1 && (c > 0 || tenths[i] === 0));
      }),
    );
  });

  it('takes the median of weighted values', () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 3, n: 1 }])).toBe(3);
    expect(weightedMedian([{ value: 1, n: 2 }, { value: 10, n: 1 }])).toBe(1);
    expect(weightedMedian([{ value: 1, n: 1 }, { value: 4, n: 1 }])).toBe(2.5);
    expect(weightedMedian([{ value: 7, n: 0 }, { value: 2, n: 3 }, { value: 5, n: 3 }])).toBe(3.5);
  });
});

describe('hiding small cells', () => {
  it('without a threshold shows everything; with one hides 1…k−1, keeps zeros, and leaves hidden cells out of the total', () => {
    const rows = [row('x', '-', 10), row('y', '-', 2), row('z', '-', 1)];
    const open = buildTables(rows, [spec('t', 'a', ['x', 'y', 'z', 'w'])], null).t!;
    expect(view(open)).toEqual({ x: 10, y: 2, z: 1, w: 0 });
    expect(open.total).toBe(13);
    const t = buildTables(rows, [spec('t', 'a', ['x', 'y', 'z', 'w'])], 3).t!;
    expect(view(t)).toEqual({ x: 10, y: '<k', z: '<k', w: 0 });
    expect(t.total).toBe(10);
    expect(t.hiddenCells).toBe(2);
    expect(t.cells.map((c) => c.percent)).toEqual([100, null, null, 0]);
  });

  it('drops the records of a hidden cell from every other table of the same records, so the totals agree', () => {
    // Channel × month: 'police' has 2 reports, both in March.
    const rows = [row('school', 'jan', 5), row('school', 'mar', 4), row('police', 'mar', 2), row('walk_in', 'jan', 3)];
    const specs = [spec('channel', 'a', ['school', 'police', 'walk_in']), spec('month', 'b', ['jan', 'mar'], false)];
    const t = buildTables(rows, specs, 3);
    expect(view(t.channel!)).toEqual({ school: 9, police: '<k', walk_in: 3 });
    // Without the rule March would show 6 and the total 14, and 14 − 12 = 2 would give 'police' away.
    expect(view(t.month!)).toEqual({ jan: 8, mar: 4 });
    expect(t.channel!.total).toBe(12);
    expect(t.month!.total).toBe(12);
  });

  it('cascades until no shown cell is small', () => {
    const rows = [row('a', 'm1', 2), row('a', 'm2', 2), row('b', 'm1', 1)];
    const t = buildTables(rows, [spec('p', 'a', ['a', 'b']), spec('q', 'b', ['m1', 'm2'], false)], 3);
    // b (1) hidden → m1 keeps 2 < 3 → hidden → a keeps 2 → hidden → m2 keeps 0 → hidden.
    expect(view(t.p!)).toEqual({ a: '<k', b: '<k' });
    expect(view(t.q!)).toEqual({ m1: '<k', m2: '<k' });
    expect([t.p!.total, t.q!.total]).toEqual([0, 0]);
  });

  it('never publishes a small count, and every table of one cube has the same total: the sum of its shown cells (property)', () => {
    const cube = fc.array(fc.record({ a: fc.constantFrom('a1', 'a2', 'a3', 'a4'), b: fc.constantFrom('b1', 'b2', 'b3'), c: fc.constantFrom('c1', 'c2'), n: fc.integer({ min: 1, max: 12 }) }), { maxLength: 24 });
    fc.assert(
      fc.property(cube, fc.integer({ min: 2, max: 6 }), (raw, k) => {
        const rows: CubeRow[] = raw.map((r) => ({ dims: { a: r.a, b: r.b, c: r.c }, n: r.n }));
        const specs = [spec('a', 'a', ['a1', 'a2', 'a3', 'a4']), spec('b', 'b', ['b1', 'b2', 'b3']), spec('c', 'c', ['c1', 'c2']), { id: 'all', cell: () => 'all', keys: ['all'] }];
        const tables = Object.values(buildTables(rows, specs, k));
        const full = Object.values(buildTables(rows, specs, null));
        const totals = new Set(tables.map((t) => t.total));
        if (totals.size !== 1) return false;
        return tables.every((t, i) =>
          t.cells.every((cell, j) => {
            const truth = full[i]!.cells[j]!.count!;
            if (cell.hidden) return cell.count === null && truth > 0 && cell.percent === null;
            return cell.count === 0 ? true : cell.count! >= k && cell.count! <= truth;
          }) && t.cells.reduce((a, c) => a + (c.count ?? 0), 0) === t.total,
        );
      }),
    );
  });
});
