/**
 * Demo data in two threads (issue 16): a worker runs the case generator (all the JavaScript that
 * makes the rows: names, texts, dates, folding) while the vault's thread only binds and steps the
 * statements. On two cores the generation then takes about as long as the SQLite work alone.
 *
 * The worker runs the very same `caseWriter` as the single-thread path, against a `RowRecorder`
 * instead of the database: each `prepare(sql)` of an INSERT becomes a positional statement
 * (`@name` → `?`, the values taken from the named object in that order), each `run` appends the
 * statement's number and its values to a flat array, and the new row's id is predicted from the
 * table's last id (rows are only appended, into a vault with no cases and no people: ids follow
 * one another). The vault's thread writes each table's rows in the same order (a batch's tables one
 * after another, a run of one statement's rows as one multi-row INSERT), one transaction per chunk
 * of cases, and checks every predicted id against SQLite's, so the office is exactly the one the
 * single thread makes (same seed, same ids, same rows).
 *
 * `generateDemo` stays synchronous: the rows come back with `receiveMessageOnPort`, and the threads
 * wait for each other with `Atomics.wait` on a shared counter (the worker stays at most a few
 * batches ahead, so memory stays flat).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Db } from '../db/open';
import type { CaseWriterOptions, DemoLookups, DemoResult } from './generate';

const SOURCE = import.meta.url.endsWith('.ts');
/** From source (CLI, tests, benches) the worker registers tsx first (demoBootstrap.mjs). */
const BOOTSTRAP_URL = new URL('./demoBootstrap.mjs', import.meta.url);

/** The Electron build bundles no demo worker (the app never makes demo data): one thread there. */
export const demoWorkerAvailable = (): boolean => SOURCE;

/** How many generations ran in a worker (tests check the path taken). */
export const demoThreadStats = { runs: 0 };

/**
 * The rows of one batch, by table (tables in the order they were first written): statement number,
 * then its values, for each row in order. Rows of one table keep their order (so their ids); the
 * vault's thread writes a table's rows one after another (its pages and code stay in the cache).
 */
export type RowBatch = unknown[][];

export type DemoWorkerMessage =
  | { kind: 'rows'; sqls: Array<[sql: string, params: number]>; rows: RowBatch; end: boolean; done: number }
  | { kind: 'done'; result: DemoResult }
  | { kind: 'error'; message: string };

export interface DemoWorkerData {
  options: CaseWriterOptions & { chunk: number };
  lookups: DemoLookups;
  /** The last rowid of each table whose new ids the generator reads (lastInsertRowid). */
  idBase: Record<string, number>;
  port: MessagePort;
  /** Int32 [batches posted, batches applied]. */
  shared: SharedArrayBuffer;
}

/** Rows per multi-row INSERT on the vault's thread. */
const MULTI_ROWS = 32;
/** SQLite's limit on a statement's parameters. */
const MAX_PARAMS = 32_766;

/** The statement's multi-row form (`VALUES (…), (…), …`), or null for an FTS table or a statement of another shape. */
function multiRow(db: Db, sql: string, params: number): { statement: { run(values: unknown[]): { changes: number; lastInsertRowid: number | bigint } }; values: unknown[] } | null {
  const m = /^(\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(\w+)\s*\([^)]*\)\s*VALUES\s*)(\([^;]*\))\s*$/is.exec(sql);
  if (!m || /_fts$/i.test(m[2]!) || params * MULTI_ROWS > MAX_PARAMS || /\b(SELECT|RETURNING|ON\s+CONFLICT)\b/i.test(m[3]!)) return null;
  return { statement: db.prepare(`${m[1]}${Array<string>(MULTI_ROWS).fill(m[3]!).join(', ')}`), values: new Array<unknown>(params * MULTI_ROWS) };
}

/** Whether the MULTI_ROWS rows from `at` on are all of statement k. */
function sameStatement(rows: unknown[], at: number, k: number, n: number): boolean {
  if (at + MULTI_ROWS * (1 + n) > rows.length) return false;
  for (let r = 1; r < MULTI_ROWS; r += 1) if (rows[at + r * (1 + n)] !== k) return false;
  return true;
}

/** Batches the worker may be ahead of the vault's thread. */
export const MAX_AHEAD = 8;
/** Values per batch before it is sent (a few thousand rows: sent while young, so cheap to collect). */
export const BATCH_VALUES = 50_000;
/**
 * The worker's young generation: it makes millions of short-lived objects (row parameters, texts);
 * with V8's default (16 MB) it spends a fifth of its time collecting them.
 */
const YOUNG_GENERATION_MB = 64;
/** No batch for this long: the worker is gone (a crash before it could report). */
const STALL_MS = 180_000;

const INSERT_INTO = /^\s*INSERT\s+INTO\s+(\w+)/i;
const INSERT_ANY = /^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(\w+)/i;
const refuse = (): never => {
  throw new Error('demo worker: the generator may only insert rows while it runs');
};

interface RecordedStatement {
  run(...args: unknown[]): { changes: number; lastInsertRowid: number };
  get: typeof refuse;
  all: typeof refuse;
  iterate: typeof refuse;
}

/** Stands in for the database in the worker (see the top of the file). */
export class RowRecorder {
  rows: RowBatch = [];
  /** Values recorded in this batch. */
  size = 0;
  sqls: Array<[string, number]> = [];
  private count = 0;
  private readonly groups = new Map<string, number>();
  private readonly last: Record<string, number>;

  constructor(idBase: Record<string, number>) {
    this.last = { ...idBase };
  }

  prepare(sql: string): RecordedStatement {
    if (!/^\s*INSERT\b/i.test(sql)) return { run: refuse, get: refuse, all: refuse, iterate: refuse };
    const names = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
    const positional = sql.replace(/@\w+/g, '?');
    const params = (positional.match(/\?/g) ?? []).length;
    const index = this.count;
    this.count += 1;
    this.sqls.push([positional, params]);
    // INSERT OR IGNORE/REPLACE may add no row: no id is predicted for it (none is read).
    const table = idTable(sql, this.last);
    const target = INSERT_ANY.exec(sql)![1]!.toLowerCase();
    let group = this.groups.get(target);
    if (group === undefined) {
      group = this.groups.size;
      this.groups.set(target, group);
    }
    const last = this.last;
    const run = (...args: unknown[]) => {
      const rows = (this.rows[group] ??= []);
      const before = rows.length;
      rows.push(index);
      if (names.length > 0) {
        const values = args[0] as Record<string, unknown>;
        for (const name of names) {
          const value = values[name];
          if (value === undefined) throw new Error(`demo worker: missing named parameter ${name}`);
          rows.push(value);
        }
      } else {
        const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
        if (values.length !== params) throw new Error(`demo worker: ${params} values expected`);
        for (const value of values) rows.push(value);
      }
      this.size += rows.length - before;
      if (table === null) return { changes: 1, get lastInsertRowid(): number { return refuse(); } };
      last[table] = last[table]! + 1;
      return { changes: 1, lastInsertRowid: last[table] };
    };
    return { run, get: refuse, all: refuse, iterate: refuse };
  }

  /** The rows and new statements so far; starts a new batch. */
  take(): { sqls: Array<[string, number]>; rows: RowBatch } {
    const out = { sqls: this.sqls, rows: this.rows };
    this.sqls = [];
    this.rows = [];
    this.size = 0;
    return out;
  }
}

/** The table an INSERT gives a predicted id in (null: OR IGNORE/REPLACE, or a table without one). */
function idTable(sql: string, base: Record<string, number>): string | null {
  const m = INSERT_INTO.exec(sql);
  return m && Object.hasOwn(base, m[1]!) ? m[1]! : null;
}

/**
 * Runs the case generator in a worker and writes its rows here, a transaction per chunk of cases.
 * Returns the generator's counts. Throws (the open transaction rolls back) on a worker error or an
 * id that is not the predicted one.
 */
export function writeInWorker(
  db: Db,
  options: CaseWriterOptions & { chunk: number },
  lookups: DemoLookups,
  idBase: Record<string, number>,
  onProgress?: (done: number, total: number) => void,
): DemoResult {
  demoThreadStats.runs += 1;
  const shared = new SharedArrayBuffer(8);
  const flags = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  const data: DemoWorkerData = { options, lookups, idBase, port: port2, shared };
  const worker = new Worker(BOOTSTRAP_URL, { workerData: data, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  // A failure to start (module load) reaches us only as an event: remembered, and seen between waits.
  let failed: string | null = null;
  worker.on('error', (e) => (failed = e.message));
  const statements: Array<{ run(values: unknown[]): { lastInsertRowid: number | bigint } }> = [];
  const params: number[] = [];
  /** One values array per statement, refilled for each row (no allocation per row). */
  const values: unknown[][] = [];
  const sources: string[] = [];
  /** Each statement's MULTI_ROWS-row form (null: none), made when first needed. */
  const multi: Array<{ statement: { run(values: unknown[]): { changes: number; lastInsertRowid: number | bigint } }; values: unknown[] } | null> = [];
  const tables: Array<string | null> = [];
  const next: Record<string, number> = { ...idBase };
  let applied = 0;

  const receive = (): DemoWorkerMessage => {
    let since = performance.now();
    for (;;) {
      const m = receiveMessageOnPort(port1);
      if (m) {
        applied += 1;
        Atomics.store(flags, 1, applied);
        Atomics.notify(flags, 1);
        return m.message as DemoWorkerMessage;
      }
      if (failed !== null) throw new Error(`demo worker: ${failed}`);
      const posted = Atomics.load(flags, 0);
      if (posted > applied) {
        since = performance.now();
        continue;
      }
      if (Atomics.wait(flags, 0, posted, 250) === 'timed-out' && performance.now() - since > STALL_MS) throw new Error('demo worker: no rows');
    }
  };

  const apply = (m: Extract<DemoWorkerMessage, { kind: 'rows' }>) => {
    for (const [sql, n] of m.sqls) {
      statements.push(db.prepare(sql));
      sources.push(sql);
      params.push(n);
      values.push(new Array<unknown>(n));
      tables.push(idTable(sql, next));
    }
    for (const rows of m.rows) if (rows) applyRows(rows);
  };
  const applyRows = (rows: unknown[]) => {
    for (let i = 0; i < rows.length; ) {
      const k = rows[i] as number;
      const n = params[k]!;
      const table = tables[k];
      // A run of MULTI_ROWS rows of one statement: one multi-row INSERT (a third cheaper per row).
      const many = multi[k] === undefined ? (multi[k] = multiRow(db, sources[k]!, n)) : multi[k];
      if (many !== null && sameStatement(rows, i, k, n)) {
        const all = many.values;
        for (let r = 0, at = i; r < MULTI_ROWS; r += 1, at += 1 + n) for (let j = 0; j < n; j += 1) all[r * n + j] = rows[at + 1 + j];
        const { changes, lastInsertRowid } = many.statement.run(all);
        if (table != null) {
          next[table] = next[table]! + MULTI_ROWS;
          if (changes !== MULTI_ROWS || Number(lastInsertRowid) !== next[table]) throw new Error(`demo worker: ${table} ids diverged`);
        }
        i += MULTI_ROWS * (1 + n);
        continue;
      }
      const row = values[k]!;
      for (let j = 0; j < n; j += 1) row[j] = rows[i + 1 + j];
      const { lastInsertRowid } = statements[k]!.run(row);
      if (table != null) {
        next[table] = next[table]! + 1;
        if (Number(lastInsertRowid) !== next[table]) throw new Error(`demo worker: ${table} ids diverged`);
      }
      i += 1 + n;
    }
  };

  try {
    const state: { result: DemoResult | null; done: number } = { result: null, done: 0 };
    while (state.result === null) {
      db.transaction(() => {
        for (;;) {
          const m = receive();
          if (m.kind === 'error') throw new Error(`demo worker: ${m.message}`);
          if (m.kind === 'done') {
            state.result = m.result;
            return;
          }
          apply(m);
          if (m.end) {
            state.done = m.done;
            return;
          }
        }
      })();
      if (state.result === null) onProgress?.(state.done, options.cases);
    }
    return state.result;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
