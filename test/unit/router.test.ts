import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { CodedError } from '../../shared/api/envelope';
import { handlers } from '../../electron/core/handlers';
import { createRouter } from '../../electron/core/router';
import { newClientState } from '../../electron/core/session';
import { activate, ADMIN, signedInCore, TEMP_PASSWORD, testCore } from '../fixtures/vaults';

describe('router', () => {
  it('answers a public method with an ok envelope', async () => {
    const core = testCore();
    const reply = await core.router.handle(newClientState(), 'app.info', {});
    expect(reply).toEqual({ ok: true, value: { name: 'Kalkan', version: expect.any(String), schemaVersion: expect.any(Number), platform: process.platform } });
  });

  it('refuses an unknown method with a code and changes nothing', async () => {
    const core = testCore();
    const before = core.services.settings.get();
    for (const method of ['settings.dropEverything', '__proto__', 'constructor', 42, null]) {
      expect(await core.router.handle(newClientState(), method, {})).toEqual({ ok: false, error: { code: 'api.unknownMethod' } });
    }
    expect(core.services.settings.get()).toEqual(before);
  });

  it('refuses input that fails its schema, naming the field but not the value, and changes nothing', async () => {
    const core = testCore();
    const reply = await core.router.handle(newClientState(), 'settings.setLanguage', { language: 'Ayşe Yılmaz 12345678901' });
    expect(reply).toEqual({ ok: false, error: { code: 'api.invalidInput', params: { fields: 'language' } } });
    expect(core.services.settings.get().language).toBe('tr');
    expect(core.lines.join('\n')).not.toMatch(/Ayşe|12345678901/);
    const extra = await core.router.handle(newClientState(), 'settings.setLanguage', { language: 'en', admin: true });
    expect(extra.ok).toBe(false);
  });

  it('refuses a protected method while the vault is absent or locked, or nobody is signed in', async () => {
    const core = testCore();
    expect(await core.router.handle(newClientState(), 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.locked' } });
    const { core: ready, admin } = await signedInCore();
    expect(await ready.router.handle(newClientState(), 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.signedOut' } });
    expect((await ready.router.handle(admin, 'users.list', {})).ok).toBe(true);
    await ready.call(admin, 'auth.signOut');
    expect(await ready.router.handle(admin, 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.locked' } });
    // Signing in again does not revive the old session object of another client.
    const stale = { session: admin.session };
    await ready.call(admin, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await ready.router.handle(stale, 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.signedOut' } });
  });

  it('refuses a method whose permission the roles lack, and changes nothing', async () => {
    const { core, admin } = await signedInCore();
    const worker = (await core.call(admin, 'users.create', {
      username: 'ayse',
      displayName: 'Ayşe Sosyal',
      roles: ['caseworker'],
      password: TEMP_PASSWORD,
    })) as { id: string };
    await core.call(admin, 'auth.signOut');
    await activate(core, 'ayse', 'turuncu-bulut-yavas-gecer');
    const client = newClientState();
    await core.call(client, 'auth.signIn', { username: 'ayse', password: 'turuncu-bulut-yavas-gecer' });
    const before = await core.services.vault.database.prepare('SELECT count(*) AS n FROM users').get();
    expect(await core.router.handle(client, 'users.create', { username: 'x1', displayName: 'X', roles: ['admin'], password: 'turuncu-bulut-yavas-gecer-2' })).toEqual({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await core.router.handle(client, 'audit.list', {})).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
    expect(core.services.vault.database.prepare('SELECT count(*) AS n FROM users').get()).toEqual(before);
    expect(worker.id).toBeTruthy();
  });

  it('lets an account that must change its password do nothing else until it has (router-enforced)', async () => {
    const { core, admin } = await signedInCore();
    await core.call(admin, 'users.create', { username: 'ikinci', displayName: 'İkinci Yönetici', roles: ['admin'], password: TEMP_PASSWORD });
    await core.call(admin, 'auth.signOut');
    const client = newClientState();
    await core.call(client, 'auth.signIn', { username: 'ikinci', password: TEMP_PASSWORD });
    // Before: an admin account with a temporary password could call every admin method directly.
    for (const method of ['users.list', 'audit.list', 'backup.getSchedule', 'cases.list']) {
      expect(await core.router.handle(client, method, {}), method).toEqual({ ok: false, error: { code: 'auth.mustChangePassword' } });
    }
    expect((await core.router.handle(client, 'auth.session', {})).ok).toBe(true);
    // Signing out and in again does not clear it.
    await core.call(client, 'auth.signOut');
    await core.call(client, 'auth.signIn', { username: 'ikinci', password: TEMP_PASSWORD });
    expect(await core.router.handle(client, 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.mustChangePassword' } });
    await core.call(client, 'auth.changePassword', { current: TEMP_PASSWORD, next: 'yeni-parola-deniz-kenarinda' });
    expect((await core.router.handle(client, 'users.list', {})).ok).toBe(true);
  });

  it('never lets exception text reach the reply or the log', async () => {
    const core = testCore();
    const router = createRouter(
      core.services,
      {
        ...handlers,
        'app.info': () => {
          throw new Error('SQLITE_CONSTRAINT: children.name = Zeynep Öztürk');
        },
        'app.health': () => {
          throw new CodedError('job.cancelled');
        },
      },
      { validateOutput: true },
    );
    expect(await router.handle(newClientState(), 'app.info', {})).toEqual({ ok: false, error: { code: 'internal' } });
    expect(await router.handle(newClientState(), 'app.health', {})).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(core.lines.join('\n')).not.toMatch(/Zeynep|SQLITE/);
  });

  it('catches a handler whose output drifts from the contract', async () => {
    const core = testCore();
    const router = createRouter(core.services, { ...handlers, 'app.info': () => ({ name: 'Kalkan' }) as never }, { validateOutput: true });
    expect(await router.handle(newClientState(), 'app.info', {})).toEqual({ ok: false, error: { code: 'internal' } });
  });

  it('answers arbitrary input with an envelope and never throws', async () => {
    const core = testCore();
    const safe = Object.keys(contract).filter((m) => m !== 'setup.create');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...safe), fc.string()), fc.anything(), async (method, input) => {
        const reply = await core.router.handle(newClientState(), method, input);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) expect(reply.error.code).toMatch(/^[a-z]+(\.[A-Za-z]+)*$/);
      }),
      { numRuns: 300 },
    );
  });
});
