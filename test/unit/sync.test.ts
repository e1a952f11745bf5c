/**
 * Issue 18: replicas that converge through a shared folder. Real encrypted vaults in
 * temporary folders (A, B, C) and a folder SYNC.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodedError } from '../../shared/api/envelope';
import { verifyAuditChain } from '../../electron/core/audit/auditLog';
import { merkleOf } from '../../electron/core/sync/apply';
import { cloneVault } from '../../electron/core/sync/clone';
import { resolveConflict } from '../../electron/core/sync/resolve';
import { verifySyncChains } from '../../electron/core/sync/verify';
import { UUIDV7_RE } from '../../electron/core/sync/uid';
import { verifyVault } from '../../electron/core/vault/backup';
import { addPerson, carry, closeAll, copiedOffice, editPerson, segmentFiles, snapshot, sync, syncOffice, type Replica } from '../fixtures/syncOffice';
import { ADMIN, tempDir } from '../fixtures/vaults';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { Vault } from '../../electron/core/vault/vault';

let open: Replica[] = [];
async function office(n: number) {
  const replicas = await syncOffice(n);
  open.push(...replicas);
  return replicas;
}
afterEach(() => {
  vi.restoreAllMocks();
  closeAll(open);
  open = [];
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CodedError) return error.code;
    throw error;
  }
  return 'no error';
}

const counts = (r: Replica) => ({
  people: (r.vault.database.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n,
  messages: (r.vault.database.prepare('SELECT COUNT(*) AS n FROM sync_messages').get() as { n: number }).n,
  audit: (r.vault.database.prepare('SELECT COUNT(*) AS n FROM sync_audit').get() as { n: number }).n,
});

describe('sync through a shared folder', () => {
  it('1. A adds a person, B syncs: the rows are equal and every audit chain verifies on both', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    const uid = addPerson(a!, { firstName: 'Ayşe', lastName: 'Yılmaz', birthDate: '2015-03-02', sex: 'female', phone: '0532 000 00 00', languages: ['tr', 'ku'] });
    expect(uid).toMatch(UUIDV7_RE);
    expect(sync(a!, dir)).toMatchObject({ exported: expect.any(Number), imported: 0, conflicts: 0, devices: 2 });
    const result = sync(b!, dir);
    expect(result.imported).toBeGreaterThan(12); // twelve cells of the person + audit rows
    const row = b!.vault.database.prepare('SELECT first_name, last_name, birth_year, last_name_folded FROM people WHERE uid = ?').get(uid);
    expect(row).toEqual({ first_name: 'Ayşe', last_name: 'Yılmaz', birth_year: 2015, last_name_folded: 'yilmaz' });
    // The search index follows on B.
    expect(b!.vault.database.prepare("SELECT rowid FROM people_fts WHERE people_fts MATCH 'yilmaz'").all()).toHaveLength(1);
    sync(a!, dir);
    expect(snapshot(b!)).toEqual(snapshot(a!));
    for (const r of [a!, b!]) {
      expect(verifyAuditChain(r.vault.database).ok).toBe(true);
      const chains = verifySyncChains(r.vault.database);
      expect(chains.ok).toBe(true);
      expect(chains.devices.length).toBe(2);
      expect(verifyVault(r.vault.database).ok).toBe(true);
    }
    // A's person.created row is in A's chain on B, insert-only.
    const remote = b!.vault.database.prepare("SELECT seq FROM sync_audit WHERE action = 'person.created'").all();
    expect(remote).toHaveLength(1);
    expect(() => b!.vault.database.prepare("UPDATE sync_audit SET action = 'x' WHERE action = 'person.created'").run()).toThrow(/append-only/);
  });

  it('a removed or altered audit row is detected by verify on the other replica', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    addPerson(a!, { firstName: 'Ali', lastName: 'Kaya' });
    sync(a!, dir);
    sync(b!, dir);
    const db = b!.vault.database;
    const device = (db.prepare("SELECT device_id FROM sync_audit WHERE action = 'person.created'").get() as { device_id: string }).device_id;
    // Someone with the key bypasses the trigger and alters A's row on B.
    db.exec('DROP TRIGGER sync_audit_no_update');
    db.prepare("UPDATE sync_audit SET action = 'person.viewed' WHERE action = 'person.created'").run();
    const report = verifySyncChains(db);
    expect(report.ok).toBe(false);
    expect(report.devices.find((d) => d.device === device)).toMatchObject({ ok: false, brokenAt: expect.any(Number) });
    expect(verifyVault(db).ok).toBe(false);
  });

  for (const order of ['A first', 'B first'] as const) {
    it(`2. concurrent edits of the same field (${order}): same value and the same sync_conflicts row on both`, async () => {
      const [a, b] = await office(2);
      const dir = tempDir('kalkan-sync-');
      const uid = addPerson(a!, { firstName: 'Zeynep', lastName: 'Demir', phone: '0500' });
      sync(a!, dir);
      sync(b!, dir);
      editPerson(a!, uid, { phone: '0511' });
      editPerson(b!, uid, { phone: '0522' }); // later timestamp: wins
      const [first, second] = order === 'A first' ? [a!, b!] : [b!, a!];
      sync(first, dir);
      sync(second, dir);
      sync(first, dir);
      for (const r of [a!, b!]) {
        expect((r.vault.database.prepare('SELECT phone FROM people WHERE uid = ?').get(uid) as { phone: string }).phone).toBe('0522');
      }
      const conflicts = snapshot(a!).conflicts;
      expect(conflicts).toEqual(snapshot(b!).conflicts);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ tbl: 'people', row_uid: uid, col: 'phone', loser_value: '"0511"', resolved_ts: null });
      expect(snapshot(a!)).toEqual(snapshot(b!));
      expect(sync(a!, dir).conflicts).toBe(1);
    });
  }

  it('resolving a conflict is itself a message: keeping the losing value, both replicas end equal and resolved', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    const uid = addPerson(a!, { firstName: 'Zeynep', lastName: 'Demir', phone: '0500' });
    sync(a!, dir);
    sync(b!, dir);
    editPerson(a!, uid, { phone: '0511' });
    editPerson(b!, uid, { phone: '0522' });
    sync(a!, dir);
    sync(b!, dir);
    sync(a!, dir);
    const [conflict] = snapshot(a!).conflicts;
    resolveConflict(a!.vault.database, conflict!.loser_ts as string, 'loser', a!.actor);
    expect(codeOf(() => resolveConflict(a!.vault.database, conflict!.loser_ts as string, 'winner', a!.actor))).toBe('sync.conflictNotFound');
    expect(sync(a!, dir).conflicts).toBe(0);
    expect(sync(b!, dir).conflicts).toBe(0);
    for (const r of [a!, b!]) {
      expect((r.vault.database.prepare('SELECT phone FROM people WHERE uid = ?').get(uid) as { phone: string }).phone).toBe('0511');
      expect(snapshot(r).conflicts).toEqual([expect.objectContaining({ loser_value: '"0511"', resolved_by: a!.actor.id, resolution: 'loser', resolved_ts: expect.any(String) })]);
    }
    expect(snapshot(a!)).toEqual(snapshot(b!));
  });

  it('an edit made after seeing the other one is not a conflict (sequential, not concurrent)', async () => {
    const [a, b, c] = await office(3);
    const dir = tempDir('kalkan-sync-');
    const uid = addPerson(a!, { firstName: 'Can', lastName: 'Öz', address: 'Ev 1' });
    sync(a!, dir);
    sync(b!, dir);
    editPerson(a!, uid, { address: 'Ev 2' });
    sync(a!, dir);
    sync(b!, dir);
    editPerson(b!, uid, { address: 'Ev 3' }); // B saw Ev 2
    sync(b!, dir);
    // C receives both at once, in whatever order the files are read.
    sync(c!, dir);
    sync(a!, dir);
    for (const r of [a!, b!, c!]) {
      expect((r.vault.database.prepare('SELECT address FROM people WHERE uid = ?').get(uid) as { address: string }).address).toBe('Ev 3');
      expect(snapshot(r).conflicts).toEqual([]);
    }
  });

  it('a conflict seen before the later edit that settles it goes away again (the same rows whatever arrived first)', async () => {
    const [a, b, c] = await office(3);
    const dir = tempDir('kalkan-sync-');
    const uid = addPerson(a!, { firstName: 'Sena', lastName: 'Er' });
    for (const r of [a!, b!, c!]) sync(r, dir);
    editPerson(a!, uid, { phone: 'a' });
    sync(a!, dir);
    sync(c!, dir); // C sees a
    editPerson(b!, uid, { phone: 'b' }); // B has not seen a: concurrent with it
    sync(b!, dir); // B holds a and b: b wins, a is a conflict for now
    expect(snapshot(b!).conflicts.map((x) => x.loser_value)).toEqual(['"a"']);
    editPerson(c!, uid, { phone: 'c' }); // C saw a, not b
    sync(c!, dir);
    sync(b!, dir);
    sync(a!, dir);
    for (const r of [a!, b!, c!]) {
      expect((r.vault.database.prepare('SELECT phone FROM people WHERE uid = ?').get(uid) as { phone: string }).phone).toBe('c');
      // a was overwritten knowingly (c was based on it); b lost without being seen.
      expect(snapshot(r).conflicts.map((x) => x.loser_value)).toEqual(['"b"']);
    }
    expect(snapshot(b!)).toEqual(snapshot(c!));
  });

  it('3. edits to different fields of the same person merge with no conflict', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    const uid = addPerson(a!, { firstName: 'Elif', lastName: 'Şahin' });
    sync(a!, dir);
    sync(b!, dir);
    editPerson(a!, uid, { school: 'Atatürk İlkokulu' });
    editPerson(b!, uid, { phone: '0533', birthYear: 2014 });
    sync(a!, dir);
    sync(b!, dir);
    sync(a!, dir);
    for (const r of [a!, b!]) {
      expect(r.vault.database.prepare('SELECT school, phone, birth_year, birth_approximate FROM people WHERE uid = ?').get(uid)).toEqual({
        school: 'Atatürk İlkokulu',
        phone: '0533',
        birth_year: 2014,
        birth_approximate: 1,
      });
      expect(snapshot(r).conflicts).toEqual([]);
    }
    expect(snapshot(a!)).toEqual(snapshot(b!));
  });

  it('4. any interleaving of edits and (partial, repeated, reordered) syncs on three replicas converges (fast-check, fixed seed)', async () => {
    const FIELDS = ['lastName', 'phone'] as const;
    const VALUES = ['Ayşe', 'Ömer', 'Işık', ''] as const;
    const step = fc.oneof(
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(2), value: fc.constantFrom(...VALUES) }) },
      {
        weight: 4,
        arbitrary: fc.record({ kind: fc.constant('edit' as const), at: fc.nat(2), person: fc.nat(3), field: fc.constantFrom(...FIELDS), value: fc.constantFrom(...VALUES) }),
      },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), at: fc.nat(2) }) },
      // A USB stick: some of one replica's folder carried to another's, any subset, any order.
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('carry' as const), from: fc.nat(2), to: fc.nat(2), mask: fc.nat(255) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const { replicas, dirs } = await copiedOffice(3);
        try {
          for (const s of steps) {
            if (s.kind === 'add') addPerson(replicas[s.at]!, { firstName: s.value || 'Deniz', lastName: 'Test' });
            else if (s.kind === 'edit') {
              const uids = (replicas[s.at]!.vault.database.prepare('SELECT uid FROM people ORDER BY uid').all() as Array<{ uid: string }>).map((r) => r.uid);
              if (uids.length === 0) continue;
              const value = s.value === '' && s.field === 'phone' ? null : s.value;
              editPerson(replicas[s.at]!, uids[s.person % uids.length]!, { [s.field]: value });
            } else if (s.kind === 'sync') sync(replicas[s.at]!, dirs[s.at]!);
            else if (s.from !== s.to) {
              let i = 0;
              carry(dirs[s.from]!, dirs[s.to]!, () => ((s.mask >> i++ % 8) & 1) === 1);
            }
          }
          // Finally every file reaches every folder; each replica syncs twice (the second is a no-op).
          for (const r of [0, 1, 2]) sync(replicas[r]!, dirs[r]!);
          for (const from of [0, 1, 2]) for (const to of [0, 1, 2]) if (from !== to) carry(dirs[from]!, dirs[to]!);
          for (const r of [0, 1, 2]) sync(replicas[r]!, dirs[r]!);
          for (const r of [0, 1, 2]) expect(sync(replicas[r]!, dirs[r]!)).toMatchObject({ exported: 0, imported: 0 });
          const [s0, s1, s2] = replicas.map(snapshot);
          expect(s1).toEqual(s0);
          expect(s2).toEqual(s0);
          expect(merkleOf(replicas[1]!.vault.database).hash).toBe(merkleOf(replicas[0]!.vault.database).hash);
          for (const r of replicas) expect(verifySyncChains(r.vault.database).ok).toBe(true);
        } finally {
          closeAll(replicas);
          open = open.filter((r) => !replicas.includes(r));
        }
      }),
      { seed: 18, numRuns: 20 },
    );
  }, 120_000);

  it('5. a flipped byte, a truncated file or a file of an unknown device is refused with its code, nothing applied', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    addPerson(a!, { firstName: 'Mehmet', lastName: 'Aydın' });
    sync(a!, dir);
    const [file] = segmentFiles(dir);
    const good = readFileSync(file!);
    const before = counts(b!);

    const flipped = Buffer.from(good);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x01;
    writeFileSync(file!, flipped);
    expect(codeOf(() => sync(b!, dir))).toBe('sync.tampered');
    expect(counts(b!)).toEqual(before);

    writeFileSync(file!, good.subarray(0, good.length - 100));
    expect(codeOf(() => sync(b!, dir))).toBe('sync.incomplete');
    expect(counts(b!)).toEqual(before);

    // A device of another office (its own vault, its own keys) writes into the folder.
    writeFileSync(file!, good);
    const [stranger] = await office(1);
    cloneVault(stranger!.vault, stranger!.actor, join(tempDir(), 'other.db')); // sets sync up there
    addPerson(stranger!, { firstName: 'Yabancı', lastName: 'Kişi' });
    // It writes its file, then refuses ours for the same reason.
    expect(codeOf(() => sync(stranger!, dir))).toBe('sync.unknownDevice');
    expect(codeOf(() => sync(b!, dir))).toBe('sync.unknownDevice');
    expect(counts(b!)).toEqual(before);
    expect(codeOf(() => sync(a!, dir))).toBe('sync.unknownDevice');
  });

  it('a file already imported that changes afterwards is refused', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    addPerson(a!, { firstName: 'Fatma', lastName: 'Çelik' });
    sync(a!, dir);
    sync(b!, dir);
    const [file] = segmentFiles(dir).filter((f) => f.includes(a!.vault.database.prepare("SELECT value FROM sync_state WHERE key = 'device_id'").pluck().get() as string));
    const bytes = readFileSync(file!);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(file!, bytes);
    expect(codeOf(() => sync(b!, dir))).toBe('sync.tampered');
  });

  it('6. no name of a person appears in any file under SYNC', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    const names = ['Gülşen', 'Karaağaçlı', 'Şükrü', 'Üstündağ'];
    const uid = addPerson(a!, { firstName: names[0], lastName: names[1], address: 'Çiçek Sokak 5' });
    sync(a!, dir);
    sync(b!, dir);
    editPerson(b!, uid, { firstName: names[2], lastName: names[3] });
    sync(b!, dir);
    expect(segmentFiles(dir).length).toBeGreaterThanOrEqual(2);
    const needles = [...names, 'Çiçek Sokak', 'gulsen', 'karaagacli', 'sukru', 'ustundag', 'GÜLŞEN', 'Gulsen'];
    for (const file of segmentFiles(dir)) {
      const bytes = readFileSync(file);
      for (const needle of needles) {
        for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) expect(bytes.includes(Buffer.from(needle, encoding)), `${needle} in ${file}`).toBe(false);
      }
    }
  });

  it('7. a device whose clock runs 10 minutes ahead gets sync.clockAhead, nothing applied', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    const uid = addPerson(a!, { firstName: 'Emre', lastName: 'Koç' });
    sync(a!, dir);
    sync(b!, dir);
    const realNow = Date.now.bind(Date);
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 10 * 60 * 1000);
    editPerson(a!, uid, { phone: '0544' });
    sync(a!, dir);
    spy.mockRestore();
    const before = counts(b!);
    expect(codeOf(() => sync(b!, dir))).toBe('sync.clockAhead');
    expect(counts(b!)).toEqual(before);
    expect((b!.vault.database.prepare('SELECT phone FROM people WHERE uid = ?').get(uid) as { phone: string | null }).phone).toBeNull();
    // The fast device itself, its clock corrected, is refused too rather than stamping edits out of order.
    expect(codeOf(() => editPerson(a!, uid, { phone: '0555' }))).toBe('sync.clockAhead');
  });

  it('a device registered on another replica is trusted through its certificate before that replica has synced', async () => {
    const [a, b] = await office(2);
    const dir = tempDir('kalkan-sync-');
    // The admin makes C's copy on B; A has not heard of C (B has not synced since).
    const out = join(tempDir(), 'c.db');
    const made = cloneVault(b!.vault, b!.actor, out);
    const c = { name: 'C', vault: new Vault(out, { kdf: TEST_KDF }), actor: b!.actor };
    await c.vault.unlock(ADMIN.username, ADMIN.password);
    open.push(c);
    const uid = addPerson(c, { firstName: 'Nur', lastName: 'Ateş' });
    sync(c, dir);
    expect(a!.vault.database.prepare('SELECT 1 FROM sync_devices WHERE device_id = ?').get(made.deviceId)).toBeUndefined();
    expect(sync(a!, dir).devices).toBe(3);
    expect(a!.vault.database.prepare('SELECT first_name FROM people WHERE uid = ?').pluck().get(uid)).toBe('Nur');
    sync(b!, dir);
    sync(c, dir);
    sync(a!, dir);
    expect(snapshot(a!)).toEqual(snapshot(c));
    expect(snapshot(b!)).toEqual(snapshot(c));
  });

  it('an office without sync refuses `sync` with sync.notSetUp; the clone is a verified copy with its own device', async () => {
    const [a] = await office(1);
    expect(codeOf(() => sync(a!, tempDir()))).toBe('sync.notSetUp');
    const out = join(tempDir(), 'b.db');
    const result = cloneVault(a!.vault, a!.actor, out);
    expect(result.deviceId).toMatch(/^[0-9A-F]{16}$/);
    expect(result.deviceId).not.toBe(result.registeredBy);
    expect(codeOf(() => cloneVault(a!.vault, a!.actor, out))).toBe('sync.targetExists');
    const devices = a!.vault.database.prepare('SELECT device_id, signed_by FROM sync_devices ORDER BY registered_at').all();
    expect(devices).toHaveLength(2);
    expect(a!.vault.database.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'device.registered'").pluck().get()).toBe(2);
  });
});
