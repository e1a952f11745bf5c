/**
 * Sync through a shared folder (issue 18): time to export and to import
 * BENCH_SYNC_MESSAGES (default 10 000) messages between two replicas, and the bytes
 * per message on the share (encrypted, signed segment files). The messages are real:
 * people added on A (one message per cell) and their audit rows.
 *
 *   npm run bench -- sync
 */
import { statSync } from 'node:fs';
import { exportSegments, importSegments, syncKeysOf } from '../../electron/core/sync/sync';
import { addPerson, closeAll, segmentFiles, syncOffice } from '../fixtures/syncOffice';
import { tempDir } from '../fixtures/vaults';

const FIRST = ['Ayşe', 'Mehmet', 'Zeynep', 'Mustafa', 'Elif', 'Ömer', 'Şule', 'İbrahim', 'Gülşen', 'Çağrı'];
const LAST = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç'];

export async function run(): Promise<void> {
  const target = Number(process.env.BENCH_SYNC_MESSAGES ?? 10_000);
  const [a, b] = await syncOffice(2);
  const dir = tempDir('kalkan-bench-sync-');
  try {
    const pending = () => (a!.vault.database.prepare('SELECT COUNT(*) AS n FROM sync_messages WHERE segment IS NULL AND device_id = (SELECT value FROM sync_state WHERE key = ?)').get('device_id') as { n: number }).n;
    for (let i = 0; pending() < target; i += 1) {
      addPerson(a!, {
        firstName: FIRST[i % FIRST.length]!,
        lastName: LAST[Math.floor(i / FIRST.length) % LAST.length]!,
        birthDate: `20${String(10 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
        sex: i % 2 ? 'female' : 'male',
        phone: `0532 ${String(1000000 + i).slice(1)}`,
        address: `Mahalle ${i % 40}, Sokak ${i % 97}, No ${i % 31}`,
        languages: ['tr'],
      });
    }
    const ka = syncKeysOf(a!.vault);
    const kb = syncKeysOf(b!.vault);
    let started = performance.now();
    const exported = exportSegments(a!.vault.database, ka.keys, ka.vaultId, dir);
    const exportMs = performance.now() - started;
    const files = segmentFiles(dir);
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    started = performance.now();
    const { imported } = importSegments(b!.vault.database, kb.keys, kb.vaultId, dir);
    const importMs = performance.now() - started;
    console.log(`sync export: ${exported} messages in ${exportMs.toFixed(0)} ms (${Math.round((exported / exportMs) * 1000)} messages/s), ${files.length} segment file(s)`);
    console.log(`sync import: ${imported} messages in ${importMs.toFixed(0)} ms (${Math.round((imported / importMs) * 1000)} messages/s), verified and applied in one transaction`);
    console.log(`sync bytes per message: ${(bytes / exported).toFixed(1)} (${bytes} bytes on the share, encrypted and signed)`);
  } finally {
    closeAll([a!, b!]);
  }
}
