/**
 * The audit chain's anchor (issue 13): the head of the chain (sequence number and hash) kept
 * outside the database, in the keyring file (and so in every backup). A database whose log
 * ends before the anchor (rows deleted at the end, the whole log gone, a rolled-back or
 * WAL-damaged file) or holds another row at the anchor's place no longer matches it.
 *
 * Two anchors: `latest`, written at every lock and MAC'd with a key derived from the database
 * key (detects rollback and damage, but any user holding the key could rewrite it), and
 * `signed`, written while an administrator holding the office authority is signed in and
 * signed with it (an insider cannot move it: rows before it cannot be removed unnoticed).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open';
import { signAnchor, anchorSigned, type Authority } from '../vault/authority';
import type { KeyObject } from 'node:crypto';

export interface AnchorPoint {
  seq: number;
  hash: string;
  at: string;
}

export interface AuditAnchors {
  latest?: AnchorPoint & { mac: string };
  signed?: AnchorPoint & { sig: string };
}

const macKey = (dbKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'kalkan/audit-anchor/v1', 32));
const anchorText = (vaultId: string, p: AnchorPoint): string => JSON.stringify(['kalkan-anchor/v1', vaultId, p.seq, p.hash, p.at]);

export function chainHead(db: Db): { seq: number; hash: string } | null {
  return (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

/** New anchors for the current head (the signed one only with the authority; else the old one is kept). */
export function anchorsFor(db: Db, vaultId: string, dbKey: Buffer, authority: Authority | null, previous: AuditAnchors | undefined, now = new Date()): AuditAnchors {
  const head = chainHead(db);
  if (!head) return previous ?? {};
  const point: AnchorPoint = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  const mac = createHmac('sha256', macKey(dbKey)).update(anchorText(vaultId, point)).digest('hex');
  return {
    latest: { ...point, mac },
    ...(authority ? { signed: { ...point, sig: signAnchor(authority, anchorText(vaultId, point)) } } : previous?.signed ? { signed: previous.signed } : {}),
  };
}

export interface AnchorCheck {
  ok: boolean;
  /** What is wrong, for the report: where the log ends and where the anchor says it should. */
  problem?: 'logMissing' | 'tailMissing' | 'rewritten' | 'anchorForged';
  anchorSeq?: number;
  headSeq?: number;
}

/** Compares the database's chain with the anchors (no anchors: a vault made before; nothing to compare). */
export function checkAnchors(db: Db, vaultId: string, dbKey: Buffer, publicKey: KeyObject | null, anchors: AuditAnchors | undefined): AnchorCheck {
  const head = chainHead(db);
  const headSeq = head?.seq ?? 0;
  const points: AnchorPoint[] = [];
  if (anchors?.latest) {
    const { mac, ...point } = anchors.latest;
    const expected = createHmac('sha256', macKey(dbKey)).update(anchorText(vaultId, point)).digest();
    const given = Buffer.from(mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'anchorForged', anchorSeq: point.seq, headSeq };
    points.push(point);
  }
  if (anchors?.signed) {
    const { sig, ...point } = anchors.signed;
    if (publicKey && !anchorSigned(publicKey, anchorText(vaultId, point), sig)) return { ok: false, problem: 'anchorForged', anchorSeq: point.seq, headSeq };
    points.push(point);
  }
  for (const point of points.sort((a, b) => b.seq - a.seq)) {
    if (headSeq === 0 && point.seq > 0) return { ok: false, problem: 'logMissing', anchorSeq: point.seq, headSeq };
    if (point.seq > headSeq) return { ok: false, problem: 'tailMissing', anchorSeq: point.seq, headSeq };
    const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(point.seq) as { hash: string } | undefined;
    if (row?.hash !== point.hash) return { ok: false, problem: 'rewritten', anchorSeq: point.seq, headSeq };
  }
  return { ok: true, headSeq };
}
