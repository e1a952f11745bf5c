/**
 * The recovery-key sheet. The recovery key is shown once, at set-up, and core
 * does not keep it; so the sheet is printed from the key the set-up screen
 * still holds, and only right after a set-up in this process:
 *
 * - `setup.create` calls grantRecoverySheet(): a random sheet token is
 *   returned to that screen; core keeps only SHA-256 hashes of the token and
 *   of the key's secret, the admin's user name, an expiry (30 minutes) and a
 *   count (3 sheets: a Turkish and an English copy, or a re-print).
 * - `documents.recoverySheet` (public: nobody is signed in yet) needs that
 *   token AND the same recovery key. Anything else → documents.sheetNotAllowed.
 * - The sheet is numbered, registered and audited like every document, as
 *   printed by the administrator who set the vault up. The database is opened
 *   with the recovery key for those two writes (the vault stays locked), or
 *   the open database is used if someone has signed in meanwhile.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DocumentResult } from '../../../shared/api/methods/documents';
import { CodedError } from '../../../shared/api/envelope';
import type { Language } from '../../../shared/i18n/languages';
import { translator } from '../../../shared/i18n';
import type { CoreServices } from '../services';
import { findUserByName } from '../users/usersRepo';
import { formatRecoveryKey, parseRecoveryKey } from '../vault/recoveryKey';
import { readMeta } from '../vault/vault';
import { documentBlocks } from './blocks';
import { renderDocument, toResult, type DbAccess } from './documentService';
import { COLORS, type DocumentBody, type FrameInfo } from './frame';
import type { Content } from './pdfTypes';

export const SHEET_GRANT_MINUTES = 30;
export const SHEET_GRANT_USES = 3;

interface SheetGrant {
  tokenHash: Buffer;
  secretHash: Buffer;
  username: string;
  expiresAt: number;
  usesLeft: number;
}

/** One grant per core (process); a new set-up replaces it. */
const grants = new WeakMap<CoreServices, SheetGrant>();

const hash = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** Called by setup.create: returns the one-time sheet token for the set-up screen. */
export function grantRecoverySheet(services: CoreServices, input: { recoveryKey: string; username: string }): string {
  const secret = parseRecoveryKey(input.recoveryKey);
  if (!secret) throw new CodedError('vault.recoveryKeyInvalid');
  const token = randomBytes(24).toString('base64url');
  grants.set(services, {
    tokenHash: hash(token),
    secretHash: hash(secret),
    username: input.username,
    expiresAt: services.now().getTime() + SHEET_GRANT_MINUTES * 60_000,
    usesLeft: SHEET_GRANT_USES,
  });
  secret.fill(0);
  return token;
}

/** Checks the token and the key; takes one use. */
function useGrant(services: CoreServices, sheetToken: string, recoveryKey: string): SheetGrant {
  const grant = grants.get(services);
  const secret = parseRecoveryKey(recoveryKey);
  try {
    const ok =
      grant !== undefined &&
      secret !== null &&
      grant.usesLeft > 0 &&
      services.now().getTime() <= grant.expiresAt &&
      timingSafeEqual(grant.tokenHash, hash(sheetToken)) &&
      timingSafeEqual(grant.secretHash, hash(secret));
    if (!ok) throw new CodedError('documents.sheetNotAllowed');
    grant.usesLeft -= 1;
    return grant;
  } finally {
    secret?.fill(0);
  }
}

/** The key as Kalkan writes it (upper case, dashes), whatever the screen sent. */
function canonical(recoveryKey: string): string {
  const secret = parseRecoveryKey(recoveryKey);
  if (!secret) throw new CodedError('vault.recoveryKeyInvalid');
  try {
    return formatRecoveryKey(secret);
  } finally {
    secret.fill(0);
  }
}

/** Crockford base32 groups as printed: 4 boxes per row, numbered so the key can be read out and checked. */
function keyGrid(recoveryKey: string): Content {
  const groups = recoveryKey.split('-');
  const perRow = 4;
  const rows: Content[][] = [];
  for (let i = 0; i < groups.length; i += perRow) {
    const row: Content[] = groups.slice(i, i + perRow).map((group, j) => ({
      stack: [
        { text: String(i + j + 1), fontSize: 7, color: COLORS.muted, alignment: 'left', lineHeight: 1 },
        { text: group, font: 'Mono', bold: true, fontSize: 21, characterSpacing: 2, alignment: 'center', lineHeight: 1 },
      ],
    }));
    while (row.length < perRow) row.push({ text: '', border: [false, false, false, false] });
    rows.push(row);
  }
  return {
    layout: 'kalkanBoxes',
    margin: [0, 4, 0, 4],
    unbreakable: true,
    table: { widths: ['*', '*', '*', '*'], dontBreakRows: true, body: rows },
  };
}

export interface SheetFacts {
  recoveryKey: string;
  officeName: string;
  vaultId: string;
}

/** The body of the sheet (one A4 page). */
export function recoverySheetBody(facts: SheetFacts, frame: FrameInfo): DocumentBody {
  const t = translator(frame.language);
  const b = documentBlocks(frame.language);
  const k = (key: string, params?: Record<string, string>) => t(`documents.recoverySheet.${key}`, params);
  const notes = (items: string[]): Content => ({ ul: items, fontSize: 9.5, lineHeight: 1.2, margin: [0, 0, 0, 2] });
  return {
    subtitle: facts.officeName,
    content: [
      { text: k('intro', { office: facts.officeName }), margin: [0, 0, 0, 6] },
      keyGrid(facts.recoveryKey),
      { text: k('alphabet'), style: 'small', color: COLORS.muted, margin: [0, 2, 0, 8] },
      // The date and who generated the sheet (the administrator who set the vault up) are in the frame.
      b.keyValue([[k('vaultId'), { text: facts.vaultId, font: 'Mono', fontSize: 9 }]], { labelWidth: 140 }),
      ...b.section(k('purposeTitle'), [notes([k('purpose1'), k('purpose2'), k('purpose3')])], { level: 2 }),
      ...b.section(k('keepTitle'), [notes([k('keep1'), k('keep2'), k('keep3'), k('keep4')])], { level: 2 }),
      b.signatures([{ role: k('placedBy') }, { role: k('witness') }]),
    ],
  };
}

export interface RecoverySheetInput {
  sheetToken: string;
  recoveryKey: string;
  language: Language;
  jobId?: string | undefined;
}

/** documents.recoverySheet */
export async function printRecoverySheet(services: CoreServices, input: RecoverySheetInput): Promise<DocumentResult> {
  const grant = useGrant(services, input.sheetToken, input.recoveryKey);
  const access: DbAccess = (use) =>
    services.vault.state() === 'unlocked' ? use(services.vault.database) : services.vault.withRecoveryKey(input.recoveryKey, use);

  const facts = access((db) => {
    const meta = readMeta(db);
    const admin = findUserByName(db, grant.username);
    if (!admin) throw new CodedError('documents.sheetNotAllowed');
    return { meta, admin };
  });
  const t = translator(input.language);
  const doc = await services.jobs.run(
    (job) =>
      renderDocument(
        access,
        'recoverySheet',
        (frame) =>
          recoverySheetBody(
            {
              recoveryKey: canonical(input.recoveryKey),
              officeName: facts.meta.officeName,
              vaultId: facts.meta.vaultId,
            },
            frame,
          ),
        {
          language: input.language,
          title: t('documents.recoverySheet.title'),
          officeName: facts.meta.officeName,
          actor: { userId: facts.admin.id, username: facts.admin.username, displayName: facts.admin.displayName },
          target: { type: 'vault', id: facts.meta.vaultId },
        },
        { now: services.now(), signal: job.signal, onProgress: (done, total, step) => job.progress(done, total, step) },
      ),
    input.jobId,
  );
  return toResult(doc);
}
