/**
 * Issue 18: sync import compares Merkle trees (@actual-app/crdt) instead of re-reading: every
 * segment carries the writer's tree of each device it holds; a replica reports the devices it
 * has not caught up with (missing segment numbers, and from when the trees differ), and files
 * already imported are not read again.
 */
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceTrie } from '../../electron/core/sync/sync';
import { addPerson, carry, closeAll, sync, syncOffice, type Replica } from '../fixtures/syncOffice';
import { tempDir } from '../fixtures/vaults';

let open: Replica[] = [];
afterEach(() => {
  closeAll(open);
  open = [];
});

const deviceOf = (r: Replica) => r.vault.database.prepare("SELECT value FROM sync_state WHERE key = 'device_id'").pluck().get() as string;

describe('Merkle comparison on import', () => {
  it('a device with a segment not yet carried is reported incomplete (which segments, since when) until it arrives', async () => {
    const [a, b, c] = await syncOffice(3);
    open.push(a!, b!, c!);
    const share = tempDir('kalkan-sync-');
    addPerson(a!, { firstName: 'Fatma', lastName: 'Çelik' });
    sync(a!, share);
    addPerson(a!, { firstName: 'Emre', lastName: 'Aydın' });
    sync(a!, share);
    // B saw both of A's segments; its own segment tells everyone A has written two.
    expect(sync(b!, share).incomplete).toEqual([]);
    addPerson(b!, { firstName: 'Zeynep', lastName: 'Kaya' });
    sync(b!, share);

    // C gets a stick with B's files and only A's first segment.
    const stick = tempDir('kalkan-stick-');
    const idA = deviceOf(a!);
    carry(share, stick, (device, file) => !(device === idA && file === '00000002.klog'));
    const partial = sync(c!, stick);
    expect(partial.incomplete).toHaveLength(1);
    expect(partial.incomplete[0]).toMatchObject({ device: idA, missing: [[2, 2]] });
    expect(partial.incomplete[0]!.since).toMatch(/^\d{4}-\d\d-\d\dT/);
    // C's tree of A differs from the one B reported; after the missing file, they are equal.
    carry(share, stick);
    expect(sync(c!, stick).incomplete).toEqual([]);
    expect(deviceTrie(c!.vault.database, idA).hash).toBe(deviceTrie(b!.vault.database, idA).hash);
  });

  it('segments already imported are not read again while unchanged; a changed one is', async () => {
    const [a, b] = await syncOffice(2);
    open.push(a!, b!);
    const share = tempDir('kalkan-sync-');
    addPerson(a!, { firstName: 'Fatma', lastName: 'Çelik' });
    sync(a!, share);
    const file = join(share, deviceOf(a!), '00000001.klog');
    // Whole seconds: a time set again later from a Date lands on exactly the same mtime (no float rounding of the fraction).
    const wholeSecond = Math.floor(statSync(file).mtimeMs / 1000);
    utimesSync(file, wholeSecond, wholeSecond);
    sync(b!, share);
    // Replace the bytes but keep size and time: a run that re-read the file would refuse it.
    const { atime, mtime } = statSync(file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(file, bytes);
    utimesSync(file, atime, mtime);
    expect(sync(b!, share)).toMatchObject({ imported: 0, incomplete: [] });
    // Touched (a new time): read again, and the change is found.
    utimesSync(file, atime, new Date(mtime.getTime() + 5000));
    expect(() => sync(b!, share)).toThrow(expect.objectContaining({ code: 'sync.tampered' }));
  });
});
