/**
 * The demo office's people: one supervisor and a few caseworkers (more for a
 * bigger demo), all with one known password printed by `kalkan demo`, and no
 * forced password change (it is a demo). Existing users are kept.
 */
import type { Role } from '../../../shared/auth/permissions';
import { appendAudit } from '../audit/auditLog';
import { findUserByName, insertUser } from '../users/usersRepo';
import type { Vault } from '../vault/vault';
import type { DemoStaff } from './generate';

/** The password of every demo user. Demo vaults hold invented people only. */
export const DEMO_PASSWORD = 'mor-fener-deniz-kıyısında-yanar';

export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: Role }> = [
  { username: 'derya.aksoy', displayName: 'Derya Aksoy', role: 'supervisor' },
  { username: 'ayse.yildirim', displayName: 'Ayşe Yıldırım', role: 'caseworker' },
  { username: 'mehmet.celik', displayName: 'Mehmet Çelik', role: 'caseworker' },
  { username: 'zeynep.kaya', displayName: 'Zeynep Kaya', role: 'caseworker' },
  { username: 'emre.sahin', displayName: 'Emre Şahin', role: 'caseworker' },
  { username: 'gulsen.ozturk', displayName: 'Gülşen Öztürk', role: 'caseworker' },
  { username: 'ilker.dogan', displayName: 'İlker Doğan', role: 'caseworker' },
  { username: 'sibel.aydin', displayName: 'Sibel Aydın', role: 'caseworker' },
  { username: 'murat.koc', displayName: 'Murat Koç', role: 'caseworker' },
  { username: 'elif.arslan', displayName: 'Elif Arslan', role: 'caseworker' },
  { username: 'oguz.polat', displayName: 'Oğuz Polat', role: 'caseworker' },
  { username: 'hatice.kurt', displayName: 'Hatice Kurt', role: 'caseworker' },
  { username: 'can.isik', displayName: 'Can Işık', role: 'caseworker' },
];

/** Caseworkers for a demo of this many cases: 3 for a small one, up to 12 at 24 000 cases and more. */
export const caseworkersFor = (cases: number): number => Math.max(3, Math.min(12, Math.ceil(cases / 2000)));

export async function ensureDemoStaff(
  vault: Vault,
  cases: number,
  actor: { id: string; username: string } | null,
): Promise<DemoStaff & { users: Array<{ username: string; displayName: string; role: Role; created: boolean }> }> {
  const db = vault.database;
  const wanted = [DEMO_USERS[0]!, ...DEMO_USERS.slice(1, 1 + caseworkersFor(cases))];
  const out: DemoStaff & { users: Array<{ username: string; displayName: string; role: Role; created: boolean }> } = { supervisors: [], caseworkers: [], users: [] };
  for (const u of wanted) {
    let user = findUserByName(db, u.username);
    const created = !user;
    if (!user) {
      await vault.setPassword(u, DEMO_PASSWORD);
      user = db.transaction(() => {
        const inserted = insertUser(db, { username: u.username, displayName: u.displayName, roles: [u.role], mustChangePassword: false });
        appendAudit(db, {
          action: 'user.created',
          actorId: actor?.id ?? null,
          actorName: actor?.username ?? null,
          targetType: 'user',
          targetId: inserted.id,
          details: { roles: u.role, demo: true },
        });
        return inserted;
      })();
    } else if (user.disabled) {
      continue; // an existing user keeps their own password and settings
    }
    (u.role === 'supervisor' ? out.supervisors : out.caseworkers).push(user.id);
    out.users.push({ ...u, created });
  }
  return out;
}
