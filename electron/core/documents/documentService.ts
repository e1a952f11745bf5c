/**
 * The one way a document is produced: take the next document number, build the
 * body (the feature's code), frame it, render it in the worker, hash the bytes,
 * then record the register row and the audit row in one transaction. The bytes
 * are handed out only after that transaction committed, so no print escapes
 * the audit log. The bytes themselves are never logged or stored.
 */
import { createHash } from 'node:crypto';
import type { AuditDetails } from '../../../shared/api/auditDetailKeys';
import type { DocumentKind, DocumentResult } from '../../../shared/api/methods/documents';
import { CodedError } from '../../../shared/api/envelope';
import type { Language } from '../../../shared/i18n/languages';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/open';
import { letterheadOf, type Letterhead } from '../office/officeService';
import type { HandlerContext } from '../router';
import { assertPassword, officePasswordNames, readMeta } from '../vault/vault';
import { appendAnnexes, type Annex } from './annexes';
import { markIssued, markUnissued, reserveDocumentNumber, type DocumentTarget } from './documentsRepo';
import { frameDocument, type DocumentBody, type FrameInfo } from './frame';
import { renderPdf } from './renderPdf';

/** Runs `use` with the vault's database (the open one, or one opened only for this). */
export type DbAccess = <T>(use: (db: Db) => T) => T;

export interface DocumentActor {
  userId: string;
  username: string;
  displayName: string;
}

export interface DocumentMeta {
  language: Language;
  title: string;
  officeName: string;
  actor: DocumentActor;
  /** The case the document is about: recorded, and `caseRef` printed in the frame. */
  caseId?: string | null;
  caseRef?: string | null;
  /** What it prints (referral, assessment, case …); the audit row points at it. */
  target?: DocumentTarget | null;
  password?: string | null;
  /** The office's letterhead (printDocument reads it from the vault). */
  letterhead?: Letterhead | null;
  /** The version of the document's stored draft it prints (the social inquiry report), kept in the register. */
  draftVersion?: number | null;
  /** Attachments listed under Ekler; those with PDF bytes are appended to the file (annexes.ts). */
  annexes?: readonly Annex[];
  /** The Ek number of the first annex (a referral letter's reply slip is Ek-1). */
  annexFirst?: number;
}

export interface RenderOptions {
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, step: string) => void;
}

export interface RenderedDocument {
  documentNumber: string;
  sha256: string;
  bytes: Buffer;
  pages: number;
  generatedAt: Date;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Numbers, renders, records and audits one document. `build` gets the frame
 * (with the document number) and returns the body; see blocks.ts.
 */
export async function renderDocument(
  access: DbAccess,
  kind: DocumentKind,
  build: (frame: FrameInfo) => DocumentBody,
  meta: DocumentMeta,
  options: RenderOptions = {},
): Promise<RenderedDocument> {
  const generatedAt = options.now ?? new Date();
  const isProtected = Boolean(meta.password);
  const { seq, number } = access((db) =>
    db.transaction(() =>
      reserveDocumentNumber(db, {
        kind,
        language: meta.language,
        caseId: meta.caseId ?? null,
        target: meta.target ?? null,
        protected: isProtected,
        generatedBy: meta.actor.userId,
        generatedAt,
        draftVersion: meta.draftVersion ?? null,
      }),
    )(),
  );

  let bytes: Buffer;
  let pages: number;
  try {
    const frame: FrameInfo = {
      language: meta.language,
      title: meta.title,
      officeName: meta.officeName,
      documentNumber: number,
      caseRef: meta.caseRef ?? null,
      generatedBy: meta.actor.displayName,
      generatedAt,
      password: meta.password ?? null,
      letterhead: meta.letterhead ?? null,
    };
    const doc = frameDocument(build(frame), frame);
    ({ bytes, pages } = await renderPdf(doc, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
    // Appended annexes: the register's hash and page count are those of the final file.
    const appended = meta.annexes?.length ? await appendAnnexes(bytes, meta.annexes, { documentNumber: number, language: meta.language, first: meta.annexFirst ?? 1 }) : null;
    if (appended) ({ bytes, pages } = appended);
  } catch (error) {
    const status = error instanceof CodedError && error.code === 'job.cancelled' ? 'cancelled' : 'failed';
    try {
      access((db) => markUnissued(db, seq, status));
    } catch {
      /* the vault may have locked meanwhile; the number stays 'reserved' */
    }
    throw error instanceof CodedError ? error : new CodedError('documents.renderFailed');
  }

  const sha256 = sha256Hex(bytes);
  access((db) =>
    db.transaction(() => {
      markIssued(db, seq, { sha256, bytes: bytes.length, pages });
      const target = meta.target ?? (meta.caseId ? { type: 'case', id: meta.caseId } : { type: 'document', id: number });
      appendAudit(db, {
        action: 'document.printed',
        actorId: meta.actor.userId,
        actorName: meta.actor.username,
        targetType: target.type,
        targetId: target.id,
        details: {
          number,
          kind,
          sha256,
          language: meta.language,
          pages,
          protected: isProtected,
          // Spread objects escape the excess-key check: `satisfies` keeps their keys in AUDIT_DETAIL_KEYS.
          ...((meta.draftVersion ? { draftVersion: meta.draftVersion } : {}) satisfies AuditDetails),
          ...((meta.annexes?.length ? { annexIds: meta.annexes.map((a) => a.id).join(','), appended: meta.annexes.filter((a) => a.pdf).length } : {}) satisfies AuditDetails),
        },
      });
    })(),
  );
  return { documentNumber: number, sha256, bytes, pages, generatedAt };
}

export const toResult = (doc: RenderedDocument): DocumentResult => ({
  documentNumber: doc.documentNumber,
  sha256: doc.sha256,
  bytesBase64: doc.bytes.toString('base64'),
  pages: doc.pages,
});

export interface PrintSpec {
  kind: DocumentKind;
  language: Language;
  title: string;
  caseId?: string | null;
  caseRef?: string | null;
  target?: DocumentTarget | null;
  password?: string | undefined;
  jobId?: string | undefined;
  draftVersion?: number | null;
  annexes?: readonly Annex[];
  annexFirst?: number;
}

/**
 * For handlers of signed-in users: renders as a job (progress events, cancel
 * with `jobs.cancel`) on the unlocked vault, as the session's user.
 *
 *   'documents.courtReport': (ctx, input) =>
 *     printDocument(ctx, { kind: 'courtReport', language: input.language, title, caseId, caseRef,
 *       password: input.password, jobId: input.jobId }, (frame) => courtReportBody(data, frame)),
 */
export async function printDocument(ctx: HandlerContext, spec: PrintSpec, build: (frame: FrameInfo) => DocumentBody): Promise<DocumentResult> {
  const { services } = ctx;
  const session = ctx.session;
  if (!session) throw new CodedError('auth.signedOut');
  const access: DbAccess = (use) => use(services.vault.database);
  const officeName = access((db) => readMeta(db).officeName);
  const letterhead = access((db) => letterheadOf(db));
  // A PDF that leaves the office is only as safe as its password (AES-256, pdfkit's 1.7ext3):
  // the same strength check as account passwords (issue 13).
  // An appended file could not be encrypted again here (annexes.ts): ask for one or the other.
  if (spec.password && spec.annexes?.some((a) => a.pdf)) throw new CodedError('documents.annexWithPassword');
  if (spec.password) assertPassword(spec.password, { username: session.username, displayName: session.displayName, ...access((db) => officePasswordNames(db)) });
  const doc = await services.jobs.run(
    (job) =>
      renderDocument(
        access,
        spec.kind,
        build,
        {
          language: spec.language,
          title: spec.title,
          officeName,
          actor: { userId: session.userId, username: session.username, displayName: session.displayName },
          caseId: spec.caseId ?? null,
          caseRef: spec.caseRef ?? null,
          target: spec.target ?? null,
          password: spec.password ?? null,
          letterhead,
          draftVersion: spec.draftVersion ?? null,
          ...(spec.annexes ? { annexes: spec.annexes } : {}),
          ...(spec.annexFirst ? { annexFirst: spec.annexFirst } : {}),
        },
        { now: services.now(), signal: job.signal, onProgress: (done, total, step) => job.progress(done, total, step) },
      ),
    spec.jobId,
  );
  return toResult(doc);
}
