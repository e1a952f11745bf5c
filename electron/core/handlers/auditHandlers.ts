import { appendAudit, queryAudit, verifyAuditChain } from '../audit/auditLog';
import { verifyAuditSignatures } from '../audit/auditSigning';
import { readMeta } from '../vault/vault';
import type { Handlers } from '../router';

export const auditHandlers = {
  'audit.list': ({ services }, input) => {
    const db = services.vault.database;
    const rows = queryAudit(db, {
      limit: input.limit,
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.actorId ? { actorId: input.actorId } : {}),
      ...(input.beforeSeq ? { beforeSeq: input.beforeSeq } : {}),
    });
    const actions = (db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').all() as Array<{ action: string }>).map((r) => r.action);
    return {
      rows: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: JSON.parse(r.details) as Record<string, string | number | boolean | null>,
      })),
      actions,
    };
  },
  'audit.verify': ({ services, session }) => {
    const db = services.vault.database;
    const chain = verifyAuditChain(db);
    const anchor = services.vault.anchorStatus();
    // The anchor outside the database: a missing tail or a rolled-back file fails too, at the anchor's place.
    const check = anchor && !anchor.ok ? { ok: false, rows: chain.rows, brokenAt: chain.brokenAt ?? anchor.anchorSeq } : chain;
    // Each row signed by the user it names (auditSigning.ts), checked with the office's own key.
    const signed = verifyAuditSignatures(db, readMeta(db).vaultId, services.vault.officePublicKey());
    const ok = check.ok && signed.ok;
    db.transaction(() =>
      appendAudit(db, {
        action: 'audit.verified',
        actorId: session!.userId,
        actorName: session!.username,
        details: { ok, rows: check.rows, unsignedRows: signed.failedRows },
      }),
    )();
    const signatures = { ok: signed.ok, boundaryOk: signed.boundaryOk, legacyRows: signed.legacyRows, failedRows: signed.failedRows, problems: signed.problems };
    return check.brokenAt !== undefined ? { ok, rows: check.rows, brokenAt: check.brokenAt, signatures } : { ok, rows: check.rows, signatures };
  },
} satisfies Partial<Handlers>;
