/**
 * Attachments (issue 17, part 1): kept inside the encrypted vault (never readable on disk,
 * not in the WAL), type checked by bytes, limited in size by the admin's setting, SHA-256
 * kept, bytes only on demand, every open/save audited, deleted only by a supervisor as a
 * tombstone; carried by backups, restore, verify and the decrypted export.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttachmentList, AttachmentMeta } from '../../shared/api/schemas/attachments';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { Vault } from '../../electron/core/vault/vault';
import { backupVault, exportDecrypted, restoreVault, verifyVault } from '../../electron/core/vault/backup';
import { sniffAttachment } from '../../electron/core/attachments/sniff';
import { childCase, office } from '../fixtures/cases';
import { ADMIN, tempDir } from '../fixtures/vaults';

/** A (not necessarily renderable) PDF of about `size` bytes that carries `marker` many times over. */
function pdfWith(marker: string, size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n');
  const body = Buffer.alloc(size - head.length, `${marker}\n`);
  return Buffer.concat([head, body]);
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const b64 = (b: Buffer) => b.toString('base64');

async function caseWithWorker() {
  const o = await office();
  const ayse = await o.as('ayse');
  const c = await o.ok<{ id: number }>(ayse, 'cases.create', childCase('Elif', 'Kaya'));
  return { o, ayse, caseId: c.id };
}

describe('attachments', () => {
  it('are checked by their bytes, against the extension', () => {
    expect(sniffAttachment('a.pdf', Buffer.from('%PDF-1.7\n'))).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    expect(sniffAttachment('foto.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toMatchObject({ kind: 'jpeg' });
    expect(sniffAttachment('x.png', PNG)).toMatchObject({ kind: 'png' });
    expect(sniffAttachment('rapor.docx', Buffer.from('PK\u0003\u0004rest'))).toMatchObject({ kind: 'docx' });
    expect(sniffAttachment('eski.doc', Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toMatchObject({ kind: 'doc' });
    // A renamed file, an executable, a name without an extension, text: refused.
    expect(sniffAttachment('rapor.pdf', Buffer.from('PK\u0003\u0004rest'))).toBeNull();
    expect(sniffAttachment('foto.png', Buffer.from('MZ\u0090\u0000'))).toBeNull();
    expect(sniffAttachment('rapor', Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffAttachment('not.txt', Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('are added with their SHA-256, listed without bytes, opened and saved with an audit row each; the limit is the admin setting', async () => {
    const { o, ayse, caseId } = await caseWithWorker();
    const bytes = pdfWith('rapor', 3 * 1024 * 1024 + 17);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const added = await o.ok<AttachmentMeta>(ayse, 'attachments.add', { caseId, fileName: 'Okul raporu.pdf', base64: b64(bytes) });
    expect(added).toMatchObject({ caseId, fileName: 'Okul raporu.pdf', kind: 'pdf', mime: 'application/pdf', size: bytes.length, sha256: sha, link: null, deleted: null });
    // Chunked: 4 rows of at most 1 MiB.
    expect(o.db().prepare('SELECT count(*) AS n, max(length(data)) AS max FROM attachment_chunks WHERE attachment_id = ?').get(added.id)).toEqual({ n: 4, max: 1024 * 1024 });
    const list = await o.ok<AttachmentList>(ayse, 'attachments.list', { caseId });
    expect(list.maxMb).toBe(25);
    expect(list.items).toEqual([added]);
    expect(JSON.stringify(list)).not.toContain('base64');

    const content = await o.ok<{ base64: string }>(ayse, 'attachments.content', { attachmentId: added.id, purpose: 'preview' });
    expect(Buffer.from(content.base64, 'base64').equals(bytes)).toBe(true);
    await o.ok(ayse, 'attachments.content', { attachmentId: added.id, purpose: 'download' });
    const rows = o.db().prepare("SELECT action, target_type AS t, target_id AS id, details FROM audit_log WHERE action LIKE 'attachment.%' ORDER BY seq").all() as Array<{ action: string; t: string; id: string; details: string }>;
    expect(rows.map((r) => r.action)).toEqual(['attachment.added', 'attachment.viewed', 'attachment.downloaded']);
    expect(rows.every((r) => r.t === 'attachment' && r.id === String(added.id))).toBe(true);
    // Audit details carry ids and codes, never the file's name.
    expect(rows.map((r) => r.details).join()).not.toContain('Okul');

    // Type and size refusals, clearly coded.
    await o.fails(ayse, 'attachments.add', { caseId, fileName: 'virus.pdf', base64: b64(Buffer.from('MZ\u0090\u0000')) }, 'attachments.type');
    await o.fails(ayse, 'attachments.add', { caseId, fileName: 'bos.png', base64: '' }, 'attachments.empty');
    const admin = await o.as('sistem');
    await o.ok(admin, 'attachments.setLimit', { maxMb: 2 });
    await o.fails(admin, 'attachments.setLimit', { maxMb: 0 }, 'api.invalidInput');
    const again = await o.as('ayse');
    expect(await o.fails(again, 'attachments.add', { caseId, fileName: 'buyuk.pdf', base64: b64(pdfWith('x', 2 * 1024 * 1024 + 1)) }, 'attachments.tooLarge')).toEqual({ field: 'file', maxMb: 2 });
    await o.ok(again, 'attachments.add', { caseId, fileName: 'sinirda.pdf', base64: b64(pdfWith('x', 2 * 1024 * 1024)) });
    // A caseworker may not change the limit.
    await o.fails(again, 'attachments.setLimit', { maxMb: 50 }, 'auth.forbidden');
  }, 60_000);

  it('link to one person, note, referral, hearing or order of the same case only', async () => {
    const { o, ayse, caseId } = await caseWithWorker();
    const file = await o.ok<{ members: Array<{ person: { id: number } }> }>(ayse, 'cases.get', { caseId });
    const childId = file.members[0]!.person.id;
    const linked = await o.ok<AttachmentMeta>(ayse, 'attachments.add', { caseId, fileName: 'foto.png', base64: b64(PNG), personId: childId });
    expect(linked.link).toEqual({ kind: 'person', id: childId });
    const other = await o.ok<{ id: number }>(ayse, 'cases.create', childCase('Can', 'Demir'));
    const otherChild = (await o.ok<{ members: Array<{ person: { id: number } }> }>(ayse, 'cases.get', { caseId: other.id })).members[0]!.person.id;
    expect(await o.fails(ayse, 'attachments.add', { caseId, fileName: 'foto.png', base64: b64(PNG), personId: otherChild }, 'attachments.linkNotInCase')).toEqual({ field: 'personId' });
  }, 60_000);

  it('are deleted only by a supervisor, as a tombstone: the bytes are purged, the record and hash stay', async () => {
    const { o, ayse, caseId } = await caseWithWorker();
    const added = await o.ok<AttachmentMeta>(ayse, 'attachments.add', { caseId, fileName: 'yanlis.png', base64: b64(PNG) });
    await o.fails(ayse, 'attachments.delete', { attachmentId: added.id, reason: 'Yanlış vaka.' }, 'auth.forbidden');
    const derya = await o.as('derya');
    await o.fails(derya, 'attachments.delete', { attachmentId: added.id, reason: '  ' }, 'api.invalidInput');
    const gone = await o.ok<AttachmentMeta>(derya, 'attachments.delete', { attachmentId: added.id, reason: 'Yanlış vakaya eklenmiş.' });
    expect(gone.deleted).toMatchObject({ by: { id: o.ids.derya }, reason: 'Yanlış vakaya eklenmiş.' });
    expect(gone.sha256).toBe(added.sha256);
    expect(o.count('attachment_chunks')).toBe(0);
    await o.fails(derya, 'attachments.content', { attachmentId: added.id, purpose: 'preview' }, 'attachments.deleted');
    await o.fails(derya, 'attachments.delete', { attachmentId: added.id, reason: 'Tekrar.' }, 'attachments.deleted');
    expect((await o.ok<AttachmentList>(derya, 'attachments.list', { caseId })).items).toEqual([gone]);
    expect(o.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'attachment.deleted' AND target_id = ?").get(String(added.id))).toEqual({ n: 1 });
  }, 60_000);

  it('never appear unencrypted on disk (vault file, WAL, backup) and travel with backup, restore, verify and the decrypted export', async () => {
    const { o, ayse, caseId } = await caseWithWorker();
    const marker = `KALKAN-EK-${randomBytes(8).toString('hex')}`;
    const bytes = pdfWith(marker, 1_500_000);
    const added = await o.ok<AttachmentMeta>(ayse, 'attachments.add', { caseId, fileName: 'gizli.pdf', base64: b64(bytes) });
    const dbPath = o.core.services.vault.paths.db;
    const onDisk = [dbPath, `${dbPath}-wal`].filter(existsSync);
    expect(onDisk.length).toBe(2);
    expect(readFileSync(`${dbPath}-wal`).length).toBeGreaterThan(1_000_000); // the bytes went through the WAL …
    for (const file of onDisk) {
      const raw = readFileSync(file);
      expect(raw.includes(marker), file).toBe(false); // … encrypted
      expect(raw.includes(b64(Buffer.from(marker))), file).toBe(false);
    }
    o.db().pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(dbPath).includes(marker)).toBe(false);

    // Backup (encrypted too), verify, restore into another folder, the decrypted export.
    const backup = join(tempDir('kalkan-bk-'), 'b.kbak');
    backupVault(o.core.services.vault, backup, null);
    expect(readFileSync(backup).includes(marker)).toBe(false);
    expect(verifyVault(o.db())).toMatchObject({ ok: true, integrity: true });
    const target = join(tempDir('kalkan-restore-'), 'kalkan.db');
    await restoreVault(backup, target, ADMIN.username, ADMIN.password);
    const restored = new Vault(target, { kdf: TEST_KDF });
    await restored.unlock(ADMIN.username, ADMIN.password);
    const back = restored.database.prepare('SELECT data FROM attachment_chunks WHERE attachment_id = ? ORDER BY seq').all(added.id) as Array<{ data: Buffer }>;
    expect(Buffer.concat(back.map((r) => r.data)).equals(bytes)).toBe(true);
    expect(verifyVault(restored.database)).toMatchObject({ ok: true });
    restored.lock('user');
    const out = join(tempDir('kalkan-export-'), 'export.json');
    exportDecrypted(o.db(), out, { id: 'x', username: ADMIN.username });
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { tables: Record<string, Array<Record<string, unknown>>> };
    expect(exported.tables.attachments).toEqual([expect.objectContaining({ id: added.id, sha256: added.sha256, file_name: 'gizli.pdf' })]);
    const chunks = exported.tables.attachment_chunks!.sort((a, b) => (a.seq as number) - (b.seq as number));
    expect(Buffer.concat(chunks.map((c) => Buffer.from((c.data as { base64: string }).base64, 'base64'))).equals(bytes)).toBe(true);
  }, 60_000);
});
