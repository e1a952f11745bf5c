/**
 * `kalkan pdf court-report|referral|assessment`: the case documents from the
 * command line, through the same router as the app (same permission
 * 'document:print', same case visibility, same numbering, register and audit
 * row per print). The document's language is the global --lang (tr|en).
 *
 *   kalkan pdf court-report --db FILE --user NAME --case ID --out FILE.pdf
 *       [--opinion-file F --recommendation-file F] [--hearing ID] [--password-env VAR]
 *   (the social inquiry report; without the two files it prints the draft stored for the
 *   case and hearing, refused when there is none)
 *   kalkan pdf referral     --db FILE --user NAME --referral ID --out FILE.pdf [--password-env VAR]
 *   kalkan pdf assessment   --db FILE --user NAME --assessment ID --out FILE.pdf [--password-env VAR]
 *
 * A PDF password comes only from the environment variable named by
 * --password-env (never from argv). The file is written beside the target and
 * renamed, readable by its owner only; an existing file needs --force.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import type { JobProgress } from '../../../shared/api/events';
import { requireString } from '../args';
import type { Command, CommandContext } from '../command';
import { withVault } from '../vaultSession';
import { writeAtomic } from '../../core/vault/safeFile';

interface DocumentReply {
  documentNumber: string;
  sha256: string;
  bytesBase64: string;
  pages: number;
}

const COMMON = '--db FILE --user NAME';
const TAIL = '--out FILE.pdf [--lang tr|en] [--password-env VAR] [--force] [--json]';
const OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  out: { type: 'string' },
  'password-env': { type: 'string' },
  force: { type: 'boolean' },
} as const;

function positiveId(ctx: CommandContext, name: string): number {
  const raw = requireString(ctx.values, name);
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) throw new CodedError('cli.usage', { detail: `--${name} ${raw}` });
  return id;
}

/** The text of --opinion-file / --recommendation-file; the court report cannot be printed without both. */
function textFile(ctx: CommandContext, name: 'opinion-file' | 'recommendation-file'): string {
  const file = ctx.values[name];
  if (typeof file !== 'string' || file === '') throw new CodedError('cli.pdfOpinionRequired', { option: `--${name}` });
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    throw new CodedError('cli.inputUnreadable', { file });
  }
  if (text.trim() === '') throw new CodedError('cli.pdfTextEmpty', { option: `--${name}`, file });
  return text;
}

/** The PDF password, from the environment variable named by --password-env (none without the option). */
function pdfPassword(ctx: CommandContext): string | undefined {
  const name = ctx.values['password-env'];
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new CodedError('cli.usage', { detail: `--password-env ${String(name)}` });
  const value = ctx.io.env[name];
  if (!value) throw new CodedError('cli.noSecret', { name });
  if (value.length < 8) throw new CodedError('cli.pdfPasswordShort', { name, min: 8 });
  return value;
}

function writeAtomically(path: string, bytes: Buffer): void {
  // Exclusive, unguessable temp name (a planted link is never followed), owner-only, renamed into place.
  try {
    writeAtomic(path, bytes, { overwrite: true });
  } catch (error) {
    if (error instanceof CodedError && error.code === 'disk.full') throw error;
    throw new CodedError('cli.pdfWriteFailed', { file: path });
  }
}

async function printPdf(ctx: CommandContext, method: string, input: Record<string, unknown>): Promise<void> {
  const out = resolve(requireString(ctx.values, 'out'));
  if (existsSync(out) && ctx.values.force !== true) throw new CodedError('cli.pdfExists', { file: out });
  if (!existsSync(dirname(out))) throw new CodedError('cli.pdfWriteFailed', { file: out });
  const password = pdfPassword(ctx);
  const jobId = randomUUID();
  const doc = await withVault(ctx, 'document:print', async ({ core, call }) => {
    const status = ctx.io.status;
    const stop = status
      ? core.services.events.subscribe((name, payload) => {
          const p = payload as JobProgress;
          if (name === 'job.progress' && p.jobId === jobId && p.total > 0) status(`${p.step ? ctx.t(p.step) : ''} ${Math.floor((p.done / p.total) * 100)} %`);
        })
      : () => {};
    try {
      return (await call(method, { ...input, language: ctx.lang, jobId, ...(password ? { password } : {}) })) as DocumentReply;
    } finally {
      stop();
      status?.('');
    }
  });
  const bytes = Buffer.from(doc.bytesBase64, 'base64');
  writeAtomically(out, bytes);
  if (ctx.json) ctx.io.out(JSON.stringify({ file: out, documentNumber: doc.documentNumber, pages: doc.pages, sha256: doc.sha256, bytes: bytes.length, protected: Boolean(password) }));
  else ctx.io.out(ctx.t('cli.pdf.written', { file: out, number: doc.documentNumber, pages: doc.pages }));
}

export const pdfCourtReportCommand: Command = {
  path: ['pdf', 'court-report'],
  summary: 'cli.help.cmd.pdfCourtReport',
  usage: `${COMMON} --case ID [--opinion-file FILE --recommendation-file FILE] [--hearing ID] ${TAIL}`,
  options: { ...OPTIONS, case: { type: 'string' }, hearing: { type: 'string' }, 'opinion-file': { type: 'string' }, 'recommendation-file': { type: 'string' } },
  async run(ctx) {
    const caseId = positiveId(ctx, 'case');
    const hearingId = ctx.values.hearing === undefined ? undefined : positiveId(ctx, 'hearing');
    // Neither file: the report's stored draft is printed as it is.
    const typed = ctx.values['opinion-file'] !== undefined || ctx.values['recommendation-file'] !== undefined;
    const texts = typed ? { opinion: textFile(ctx, 'opinion-file'), recommendation: textFile(ctx, 'recommendation-file') } : {};
    await printPdf(ctx, 'documents.courtReport', { caseId, ...texts, ...(hearingId ? { hearingId } : {}) });
  },
};

export const pdfReferralCommand: Command = {
  path: ['pdf', 'referral'],
  summary: 'cli.help.cmd.pdfReferral',
  usage: `${COMMON} --referral ID ${TAIL}`,
  options: { ...OPTIONS, referral: { type: 'string' } },
  async run(ctx) {
    await printPdf(ctx, 'documents.referralLetter', { referralId: positiveId(ctx, 'referral') });
  },
};

export const pdfAssessmentCommand: Command = {
  path: ['pdf', 'assessment'],
  summary: 'cli.help.cmd.pdfAssessment',
  usage: `${COMMON} --assessment ID ${TAIL}`,
  options: { ...OPTIONS, assessment: { type: 'string' } },
  async run(ctx) {
    await printPdf(ctx, 'documents.assessmentSummary', { assessmentId: positiveId(ctx, 'assessment') });
  },
};
