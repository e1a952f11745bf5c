/**
 * Transfer of a case to another office (issue 17): `kalkan office --transfer-key-out`,
 * `kalkan transfer export` and `kalkan transfer import`, between demo vaults in temp folders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseList } from '../../shared/api/schemas/cases';
import type { AttachmentList } from '../../shared/api/schemas/attachments';
import type { Method } from '../../shared/api/contract';
import { call } from '../../electron/core/call';
import { createCore } from '../../electron/core/createCore';
import { silentLogger } from '../../electron/core/log';
import { newClientState } from '../../electron/core/session';
import { DEMO_PASSWORD } from '../../electron/core/demo/staff';
import { cli } from '../fixtures/cli';
import { tempDir } from '../fixtures/vaults';

const ADMIN_PW = 'mavi-kedi-sabah-çayı-içer';
const admin = { KALKAN_PASSWORD: ADMIN_PW };
const sup = { KALKAN_PASSWORD: DEMO_PASSWORD };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function office(dir: string, name: string, seed: number) {
  const db = join(dir, `${name}.db`);
  const made = await cli(['demo', '--db', db, '--user', 'yonetici', '--cases', '20', '--seed', String(seed), '--now', '2026-06-15T09:00:00Z'], admin);
  expect(made.code, made.err).toBe(0);
  const pub = join(dir, `${name}.pub`);
  const key = await cli(['office', '--db', db, '--user', 'yonetici', '--transfer-key-out', pub, '--lang', 'en'], admin);
  expect(key.code, key.err).toBe(0);
  const fingerprint = /Fingerprint \(read aloud\): ([0-9A-F]{4}(?: [0-9A-F]{4}){5})$/m.exec(key.out)?.[1];
  expect(fingerprint).toBeDefined();
  expect(JSON.parse(readFileSync(pub, 'utf8'))).toMatchObject({ format: 'kalkan-office-key/v1', fingerprint });
  return { db, pub, fingerprint: fingerprint! };
}

/** Signs in through the router as `user` and runs `use`. */
async function asUser<T>(db: string, user: string, password: string, use: (c: <M extends Method>(m: M, input: unknown) => Promise<unknown>) => Promise<T>): Promise<T> {
  const core = createCore({ dataDir: tempDir('kalkan-ws-'), vaultPath: db, log: silentLogger });
  const client = newClientState();
  await call(core.router, client, 'auth.signIn', { username: user, password });
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return await use((m, input) => (call as any)(core.router, client, m, input));
  } finally {
    await core.router.handle(client, 'auth.signOut', {});
  }
}

async function openCases(db: string) {
  const r = await cli(['cases', 'list', '--db', db, '--user', 'derya.aksoy', '--json'], sup);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as CaseList).rows.filter((row) => row.status !== 'closed');
}

describe('kalkan transfer', () => {
  it('round trip, altered file, wrong office, replay, read-only sender', async () => {
    const dir = tempDir('kalkan-transfer-');
    const a = await office(dir, 'a', 7);
    const b = await office(dir, 'b', 7); // same seed: the same people (identity numbers) exist in b
    const c = await office(dir, 'c', 8);
    const [kase] = await openCases(a.db);
    expect(kase).toBeDefined();
    await asUser(a.db, 'derya.aksoy', DEMO_PASSWORD, (c) => c('attachments.add', { caseId: kase!.id, fileName: 'foto.png', base64: PNG.toString('base64') }));
    // The demo office may have given the case files of its own (demo/attachments.ts): all of them travel.
    const sentNames = await asUser(a.db, 'derya.aksoy', DEMO_PASSWORD, (c) => c('attachments.list', { caseId: kase!.id }).then((l) => (l as AttachmentList).items.map((i) => i.fileName).sort()));
    const sentFiles = sentNames.length;

    // A caseworker may not send a case.
    const kcase = join(dir, 'case.kcase');
    const worker = await cli(['transfer', 'export', '--db', a.db, '--user', 'ayse.yildirim', '--case', String(kase!.id), '--to', b.pub, '--out', kcase, '--lang', 'en'], sup);
    expect(worker.code).not.toBe(0);

    const sent = await cli(['transfer', 'export', '--db', a.db, '--user', 'derya.aksoy', '--case', String(kase!.id), '--to', b.pub, '--out', kcase, '--json'], sup);
    expect(sent.code, sent.err).toBe(0);
    const file = readFileSync(kcase, 'utf8');
    // Encrypted: neither the PNG bytes nor a child's name appear in the file.
    expect(file).not.toContain(PNG.toString('base64'));
    expect(file).not.toContain(kase!.child!.lastName);
    expect(JSON.parse(file)).toMatchObject({ receiver: { fingerprint: b.fingerprint }, sender: { fingerprint: a.fingerprint } });

    // The sending case is read-only; a second export is refused.
    const refused = await asUser(a.db, 'derya.aksoy', DEMO_PASSWORD, (c) =>
      c('attachments.add', { caseId: kase!.id, fileName: 'ikinci.png', base64: PNG.toString('base64') }).then(
        () => 'written',
        (e: { code?: string }) => e.code,
      ),
    );
    expect(refused).toBe('cases.transferred');
    const note = { type: 'phone_call', occurredAt: '2026-01-10T10:00:00Z', body: 'Telefonla görüşüldü.' };
    const codeOf = (p: Promise<unknown>) => p.then(() => 'written', (e: { code?: string }) => e.code);
    expect(await asUser(a.db, 'derya.aksoy', DEMO_PASSWORD, (c) => codeOf(c('notes.add', { caseId: kase!.id, ...note })))).toBe('cases.transferred');
    const again = await cli(['transfer', 'export', '--db', a.db, '--user', 'derya.aksoy', '--case', String(kase!.id), '--to', b.pub, '--out', join(dir, 'x.kcase'), '--lang', 'en'], sup);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('already been transferred');

    // One flipped byte anywhere in the sealed payload or the header is refused.
    const envelope = JSON.parse(file) as { payload: { ciphertext: string }; transferId: string };
    const bytes = Buffer.from(envelope.payload.ciphertext, 'base64');
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const altered = join(dir, 'altered.kcase');
    writeFileSync(altered, JSON.stringify({ ...envelope, payload: { ...envelope.payload, ciphertext: bytes.toString('base64') } }));
    const bad = await cli(['transfer', 'import', '--db', b.db, '--user', 'derya.aksoy', '--from', altered, '--lang', 'en'], sup);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('altered or is damaged');
    const flippedRaw = Buffer.from(file, 'utf8');
    const at = file.indexOf(envelope.transferId) + 3;
    flippedRaw[at] = flippedRaw[at] === 0x61 ? 0x62 : 0x61;
    writeFileSync(altered, flippedRaw);
    expect((await cli(['transfer', 'import', '--db', b.db, '--user', 'derya.aksoy', '--from', altered, '--lang', 'en'], sup)).err).toContain('altered or is damaged');

    // Another office cannot import it.
    const third = await cli(['transfer', 'import', '--db', c.db, '--user', 'derya.aksoy', '--from', kcase, '--lang', 'en'], sup);
    expect(third.code).not.toBe(0);
    expect(third.err).toContain('meant for another office');

    // The receiver imports it once.
    const before = (await openCases(b.db)).length;
    const got = await cli(['transfer', 'import', '--db', b.db, '--user', 'derya.aksoy', '--from', kcase, '--json'], sup);
    expect(got.code, got.err).toBe(0);
    const result = JSON.parse(got.out) as { caseId: number; people: number; notes: number; assessments: number; attachments: number; matches: Array<{ linkedPersonId: number | null; candidates: unknown[] }>; sender: { fingerprint: string } };
    expect(result.sender.fingerprint).toBe(a.fingerprint);
    expect(result.attachments).toBe(sentFiles);
    expect(sentFiles).toBeGreaterThanOrEqual(1);
    expect(result.people).toBeGreaterThan(0);
    // Seed 7's first open case has notes (every version) and risk assessments: they arrive as rows.
    expect(result.notes).toBeGreaterThan(0);
    expect(result.assessments).toBeGreaterThan(0);
    // Same seed: the people already exist in b with the same identity numbers and are linked, not duplicated.
    expect(result.matches.some((m) => m.linkedPersonId !== null)).toBe(true);
    expect((await openCases(b.db)).length).toBe(before + 1);
    const attached = await asUser(b.db, 'derya.aksoy', DEMO_PASSWORD, (c) => c('attachments.list', { caseId: result.caseId }));
    expect((attached as AttachmentList).items.map((i) => i.fileName).sort()).toEqual(sentNames);
    expect(sentNames).toContain('foto.png');
    // The received case is open for work at the receiving office.
    expect(await asUser(b.db, 'derya.aksoy', DEMO_PASSWORD, (c) => codeOf(c('notes.add', { caseId: result.caseId, ...note })))).toBe('written');

    const replay = await cli(['transfer', 'import', '--db', b.db, '--user', 'derya.aksoy', '--from', kcase, '--lang', 'en'], sup);
    expect(replay.code).not.toBe(0);
    expect(replay.err).toContain('already been imported');
    const tr = await cli(['transfer', 'import', '--db', b.db, '--user', 'derya.aksoy', '--from', kcase, '--lang', 'tr'], sup);
    expect(tr.err).toContain('daha önce içe aktarıldı');
  }, 240_000);
});
