/**
 * `kalkan stats`: the period statistics, through the same router and methods
 * as the app (same visibility rules, same figures): as text, as JSON (the
 * object the screen shows), as CSV (stats.exportCsv, audited) and as the PDF
 * report (documents.statistics, numbered and audited).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { CSV_SEPARATORS, MAX_SUPPRESS, MIN_SUPPRESS, type CsvSeparator, type StatsPeriod } from '../../../shared/api/schemas/stats';
import { cellLabel, dayLabel, formatDecimal, formatPercent, hiddenText, REPORT_TABLES, shownCells, SUMMARY_FIGURES } from '../../../shared/stats/report';
import { findUserByName } from '../../core/users/usersRepo';
import { requireString } from '../args';
import type { Command, CommandContext } from '../command';
import { withVault } from '../vaultSession';
import { writeAtomic } from '../../core/vault/safeFile';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SEPARATOR_NAMES: Record<string, CsvSeparator> = { ';': 'semicolon', semicolon: 'semicolon', ',': 'comma', comma: 'comma', tab: 'tab', '\t': 'tab' };

function day(ctx: CommandContext, name: string): string {
  const value = requireString(ctx.values, name);
  if (!DAY.test(value)) throw new CodedError('cli.usage', { detail: `--${name} ${value} (YYYY-MM-DD)` });
  return value;
}

function separatorOf(ctx: CommandContext): CsvSeparator {
  const raw = ctx.values.separator;
  if (raw === undefined) return 'semicolon';
  const name = typeof raw === 'string' ? SEPARATOR_NAMES[raw] : undefined;
  if (!name || !CSV_SEPARATORS.includes(name)) throw new CodedError('cli.usage', { detail: `--separator ${String(raw)} (';' ',' tab)` });
  return name;
}

function suppressOf(ctx: CommandContext): number | undefined {
  const raw = ctx.values['suppress-below'];
  if (raw === undefined) return undefined;
  const k = Number(raw);
  if (!Number.isInteger(k) || k < MIN_SUPPRESS || k > MAX_SUPPRESS) throw new CodedError('cli.usage', { detail: `--suppress-below ${String(raw)} (${MIN_SUPPRESS}–${MAX_SUPPRESS})` });
  return k;
}

/** Writes beside the target and renames, so an interrupted write never leaves half a file. */
function writeAtomically(path: string, bytes: Buffer): void {
  // Exclusive, unguessable temp name (a planted link is never followed), owner-only, renamed into place.
  try {
    writeAtomic(path, bytes, { overwrite: true });
  } catch (error) {
    if (error instanceof CodedError && error.code === 'disk.full') throw error;
    throw new CodedError('stats.writeFailed', { field: 'path' });
  }
}

/** The statistics as readable text (the summary and every table's cells that hold records). */
export function statsText(stats: StatsPeriod, ctx: Pick<CommandContext, 't' | 'lang'>): string {
  const { t, lang } = ctx;
  const k = stats.suppressBelow;
  const decimal = (n: number) => formatDecimal(n, lang);
  const percent = (n: number) => formatPercent(n, lang);
  const who = stats.caseworker ? stats.caseworker.displayName : t(stats.scope === 'own' ? 'stats.ownCases' : 'stats.allCaseworkers');
  const lines = [`${t('stats.reportTitle')} — ${dayLabel(stats.period.from, lang)} – ${dayLabel(stats.period.to, lang)} · ${who}`];
  if (k) lines.push(t('stats.suppressedNote', { k }));
  lines.push('', t('stats.section.summary'));
  for (const f of SUMMARY_FIGURES) {
    if (f.available && !f.available(stats)) continue;
    const v = f.get(stats);
    const text = v.hidden ? hiddenText(k) : v.value === null ? '—' : f.kind === 'count' ? String(v.value) : f.kind === 'percent' ? percent(v.value) : t('stats.daysValue', { value: decimal(v.value) });
    lines.push(`  ${t(`stats.summary.${f.key}`).padEnd(44)} ${text.padStart(10)}`);
  }
  for (const spec of REPORT_TABLES) {
    if (spec.available && !spec.available(stats)) continue;
    const table = spec.table(stats);
    lines.push('', `${t(spec.title)} (${t(spec.unit)})`);
    const cells = shownCells(table);
    if (cells.length === 0) {
      lines.push(`  ${t('stats.noneInPeriod')}`);
      continue;
    }
    for (const cell of cells) {
      const count = cell.hidden ? hiddenText(k) : String(cell.count);
      const share = cell.percent === null ? '' : percent(cell.percent);
      lines.push(`  ${cellLabel(t, lang, spec.id, cell).padEnd(44)} ${count.padStart(10)} ${share.padStart(9)}`);
    }
    lines.push(`  ${t('stats.col.total').padEnd(44)} ${String(table.total).padStart(10)} ${table.total > 0 ? percent(100).padStart(9) : ''}`);
  }
  return lines.join('\n');
}

export const statsCommand: Command = {
  path: ['stats'],
  summary: 'cli.help.cmd.stats',
  usage: "--db FILE --user NAME --from YYYY-MM-DD --to YYYY-MM-DD [--caseworker NAME] [--json] [--csv FILE [--separator ';'|','|tab]] [--pdf FILE] [--suppress-below K] [--force]",
  options: {
    db: { type: 'string' },
    user: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    caseworker: { type: 'string' },
    csv: { type: 'string' },
    separator: { type: 'string' },
    pdf: { type: 'string' },
    'suppress-below': { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx) {
    const from = day(ctx, 'from');
    const to = day(ctx, 'to');
    const separator = separatorOf(ctx);
    const suppressBelow = suppressOf(ctx);
    const force = ctx.values.force === true;
    const csv = typeof ctx.values.csv === 'string' ? resolve(ctx.values.csv) : null;
    const pdf = typeof ctx.values.pdf === 'string' ? resolve(ctx.values.pdf) : null;
    if (pdf && existsSync(pdf) && !force) throw new CodedError('stats.fileExists', { field: 'pdf' });

    const written: Array<{ kind: 'csv' | 'pdf'; file: string; bytes: number; documentNumber?: string; pages?: number }> = [];
    const stats = await withVault(ctx, 'stats:read', async ({ core, call }) => {
      let caseworkerId: string | undefined;
      if (typeof ctx.values.caseworker === 'string') {
        const user = findUserByName(core.services.vault.database, ctx.values.caseworker);
        if (!user) throw new CodedError('stats.caseworkerNotFound', { field: 'caseworker' });
        caseworkerId = user.id;
      }
      const query = { from, to, ...(caseworkerId ? { caseworkerId } : {}), ...(suppressBelow ? { suppressBelow } : {}) };
      const result = (await call('stats.period', query)) as StatsPeriod;
      if (csv) {
        const out = (await call('stats.exportCsv', { ...query, path: csv, separator, language: ctx.lang, overwrite: force })) as { path: string; bytes: number };
        written.push({ kind: 'csv', file: out.path, bytes: out.bytes });
      }
      if (pdf) {
        const doc = (await call('documents.statistics', { ...query, language: ctx.lang })) as { documentNumber: string; bytesBase64: string; pages: number };
        const bytes = Buffer.from(doc.bytesBase64, 'base64');
        writeAtomically(pdf, bytes);
        written.push({ kind: 'pdf', file: pdf, bytes: bytes.length, documentNumber: doc.documentNumber, pages: doc.pages });
      }
      return result;
    });

    if (ctx.json) {
      ctx.io.out(JSON.stringify(stats));
      if (written.length > 0) ctx.io.err(JSON.stringify({ written }));
      return;
    }
    // With a file to write and no --json, only say what was written; otherwise print the figures.
    if (written.length === 0) ctx.io.out(statsText(stats, ctx));
    for (const w of written) {
      ctx.io.out(w.kind === 'csv' ? ctx.t('cli.stats.csvWritten', { file: w.file, bytes: w.bytes }) : ctx.t('cli.stats.pdfWritten', { file: w.file, number: w.documentNumber, pages: w.pages }));
    }
  },
};
