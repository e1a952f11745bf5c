/**
 * Issue 14 item 9: the office's province and district (and its printed name) count as its name
 * wherever a password is set — an admin creating a user, an admin resetting one, a user changing
 * her own, a PDF's password — not only at set-up. The core refuses it (password.containsName),
 * whatever the form showed.
 */
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../shared/auth/passwordPolicy';
import { newClientState, type ClientState } from '../../electron/core/session';
import { ADMIN, TEMP_PASSWORD, testCore, type TestCore } from '../fixtures/vaults';

/** A Keçiören office whose name says nothing of its place. */
async function keciorenOffice(): Promise<{ core: TestCore; admin: ClientState; recoveryKey: string }> {
  const core = testCore();
  const admin = newClientState();
  const { recoveryKey } = await core.call(admin, 'setup.create', { officeName: 'Çocuk Koruma Birimi', province: 'Ankara', district: 'Keçiören', username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password });
  await core.call(admin, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  return { core, admin, recoveryKey };
}

const codeOf = async (core: TestCore, client: ClientState, method: string, input: unknown): Promise<string | null> => {
  const reply = await core.router.handle(client, method, input);
  return reply.ok ? null : reply.error.code;
};

const userCount = (core: TestCore) => (core.services.vault.database.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

// The district with a year, as typed, in capitals, with its Turkish letters, and the province.
const DISTRICT_PASSWORDS = ['Kecioren2026!', 'KEÇİÖREN2026!', 'keçiören.2026!', 'Ankara-2026-!x'];
const STRONG = 'turuncu-bulut-yavas-gecer';

describe("the office's places in every password check (issue 14 item 9)", () => {
  it('the policy counts a place whole and word by word, Turkish-folded, leaving out generic words', () => {
    expect(checkPassword('Kecioren2026!').problems).not.toContain('containsName');
    expect(checkPassword('Kecioren2026!', { places: ['Keçiören'] }).problems).toContain('containsName');
    expect(checkPassword('Kecioren2026!', { places: ['Keçiören'] }).score).toBeLessThanOrEqual(1);
    // The printed name counts like the office name: its telling words, not "çocuk" or "koruma".
    expect(checkPassword('Ovacik-2026-!xy', { places: ['Ovacık Çocuk Koruma Birimi'] }).problems).toContain('containsName');
    expect(checkPassword('koruma-sabah-mavi-kedi', { places: ['Ovacık Çocuk Koruma Birimi'] }).problems).not.toContain('containsName');
    // A district called "Merkez" says nothing of the office.
    expect(checkPassword('mavi-merkez-sabah-kedi', { places: ['Merkez'] }).problems).not.toContain('containsName');
  });

  it('users.create refuses the district (or province) with a year, changes nothing, and takes a strong one', async () => {
    const { core, admin } = await keciorenOffice();
    const before = userCount(core);
    for (const password of DISTRICT_PASSWORDS) {
      expect(await codeOf(core, admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Sosyal', roles: ['caseworker'], password }), password).toBe('password.containsName');
    }
    expect(userCount(core)).toBe(before);
    expect(await codeOf(core, admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Sosyal', roles: ['caseworker'], password: TEMP_PASSWORD })).toBeNull();
    expect(userCount(core)).toBe(before + 1);
  });

  it('users.resetPassword refuses it and the old password still opens the account; a strong one is taken', async () => {
    const { core, admin } = await keciorenOffice();
    const ayse = (await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Sosyal', roles: ['caseworker'], password: TEMP_PASSWORD })) as { id: string };
    for (const password of DISTRICT_PASSWORDS) {
      expect(await codeOf(core, admin, 'users.resetPassword', { id: ayse.id, password }), password).toBe('password.containsName');
    }
    expect(await core.services.vault.checkPassword('ayse', TEMP_PASSWORD)).toBe(true);
    expect(await core.services.vault.checkPassword('ayse', 'Kecioren2026!')).toBe(false);
    expect(await codeOf(core, admin, 'users.resetPassword', { id: ayse.id, password: STRONG })).toBeNull();
    expect(await core.services.vault.checkPassword('ayse', STRONG)).toBe(true);
  });

  it('auth.changePassword (the first sign-in and later) refuses it; a strong one is taken', async () => {
    const { core, admin } = await keciorenOffice();
    await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Sosyal', roles: ['caseworker'], password: TEMP_PASSWORD });
    await core.call(admin, 'auth.signOut');
    const ayse = newClientState();
    const session = (await core.call(ayse, 'auth.signIn', { username: 'ayse', password: TEMP_PASSWORD })) as { mustChangePassword: boolean; officePlaces?: string[] };
    expect(session.mustChangePassword).toBe(true);
    // The forms' meter learns the places from the session (office.get is closed until the change).
    expect(session.officePlaces).toEqual(['Ankara', 'Keçiören']);
    for (const next of DISTRICT_PASSWORDS) {
      expect(await codeOf(core, ayse, 'auth.changePassword', { current: TEMP_PASSWORD, next }), next).toBe('password.containsName');
    }
    expect(await core.services.vault.checkPassword('ayse', TEMP_PASSWORD)).toBe(true);
    expect(await codeOf(core, ayse, 'auth.changePassword', { current: TEMP_PASSWORD, next: STRONG })).toBeNull();
    // Later changes too.
    expect(await codeOf(core, ayse, 'auth.changePassword', { current: STRONG, next: 'Kecioren2026!' })).toBe('password.containsName');
    expect(await core.services.vault.checkPassword('ayse', STRONG)).toBe(true);
  });

  it('auth.recover (a new password with the recovery key) refuses it too; a strong one is taken', async () => {
    const { core, admin, recoveryKey } = await keciorenOffice();
    await core.call(admin, 'auth.signOut');
    const client = newClientState();
    expect(await codeOf(core, client, 'auth.recover', { recoveryKey, username: ADMIN.username, newPassword: 'Kecioren2026!' })).toBe('password.containsName');
    expect(await codeOf(core, client, 'auth.recover', { recoveryKey, username: ADMIN.username, newPassword: STRONG })).toBeNull();
    expect(await codeOf(core, client, 'auth.signIn', { username: ADMIN.username, password: STRONG })).toBeNull();
  });

  it('a district an admin sets later counts from then on, in the session and the PDF password too', async () => {
    const { core, admin } = await keciorenOffice();
    await core.call(admin, 'office.update', { district: 'Çankaya', name: 'Ovacık Çocuk Koruma Birimi' });
    const ayse = (await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Sosyal', roles: ['caseworker'], password: TEMP_PASSWORD })) as { id: string };
    expect(await codeOf(core, admin, 'users.resetPassword', { id: ayse.id, password: 'Cankaya2026!x' })).toBe('password.containsName');
    expect(await codeOf(core, admin, 'users.resetPassword', { id: ayse.id, password: 'Ovacik2026!xy' })).toBe('password.containsName');
    // The district is no longer Keçiören: that password is refused only for being weak now, not for the name.
    expect(await codeOf(core, admin, 'users.resetPassword', { id: ayse.id, password: 'Kecioren2026!' })).not.toBe('password.containsName');
    const session = (await core.call(admin, 'auth.session', {})) as { officePlaces?: string[] };
    expect(session.officePlaces).toEqual(['Ankara', 'Çankaya', 'Ovacık Çocuk Koruma Birimi']);
    expect(await codeOf(core, admin, 'documents.auditLog', { language: 'tr', password: 'Cankaya2026!x' })).toBe('password.containsName');
  });
});
