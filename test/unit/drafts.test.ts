import { describe, expect, it } from 'vitest';
import { tick } from '../../electron/core/auth/authService';
import { newClientState } from '../../electron/core/session';
import { IdleTimer } from '../../electron/core/vault/idleTimer';
import { activate, signedInCore, TEMP_PASSWORD } from '../fixtures/vaults';

describe('drafts', () => {
  it('are saved, replaced, listed newest first and deleted, for their own user only', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const { core, admin } = await signedInCore({ now: () => now });
    await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });

    await core.call(admin, 'drafts.save', { key: 'note:12:new', route: '/cases/12?tab=notes', data: '{"body":"Ev ziyareti yarım"}' });
    now = new Date('2026-11-25T09:01:00Z');
    await core.call(admin, 'drafts.save', { key: 'intake:new', route: '/cases/new', data: '{"a":1}' });
    now = new Date('2026-11-25T09:02:00Z');
    await core.call(admin, 'drafts.save', { key: 'note:12:new', route: '/cases/12?tab=notes', data: '{"body":"Ev ziyareti yarım kaldı"}' });

    expect(await core.call(admin, 'drafts.get', { key: 'note:12:new' })).toEqual({
      key: 'note:12:new',
      route: '/cases/12?tab=notes',
      data: '{"body":"Ev ziyareti yarım kaldı"}',
      updatedAt: '2026-11-25T09:02:00.000Z',
    });
    expect(((await core.call(admin, 'drafts.list')) as Array<{ key: string }>).map((d) => d.key)).toEqual(['note:12:new', 'intake:new']);

    // Another user never sees them, and cannot delete them.
    await core.call(admin, 'auth.signOut');
    await activate(core, 'ayse', 'turuncu-bulut-yavas-gecer');
    const worker = newClientState();
    await core.call(worker, 'auth.signIn', { username: 'ayse', password: 'turuncu-bulut-yavas-gecer' });
    expect(await core.call(worker, 'drafts.list')).toEqual([]);
    expect(await core.call(worker, 'drafts.get', { key: 'note:12:new' })).toBeNull();
    await core.call(worker, 'drafts.delete', { key: 'note:12:new' });
    await core.call(worker, 'auth.signOut');

    await core.call(admin, 'auth.signIn', { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' });
    expect(await core.call(admin, 'drafts.get', { key: 'note:12:new' })).not.toBeNull();
    await core.call(admin, 'drafts.delete', { key: 'note:12:new' });
    expect(await core.call(admin, 'drafts.get', { key: 'note:12:new' })).toBeNull();
    expect(((await core.call(admin, 'drafts.list')) as Array<{ key: string }>).map((d) => d.key)).toEqual(['intake:new']);
  });

  it('refuse keys and routes that are not app forms and screens, and need a session', async () => {
    const { core, admin } = await signedInCore();
    for (const input of [
      { key: 'note', route: '/cases', data: '' },
      { key: 'note:1', route: 'https://example.org/', data: '' },
      { key: 'note:1', route: '/cases', data: 'x'.repeat(200_001) },
    ]) {
      expect(await core.router.handle(admin, 'drafts.save', input)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    }
    expect(await core.router.handle(newClientState(), 'drafts.list', {})).toMatchObject({ ok: false });
  });

  it('are stored inside the encrypted vault (the file holds no plain text of them)', async () => {
    const { core, admin } = await signedInCore();
    await core.call(admin, 'drafts.save', { key: 'note:3:new', route: '/cases/3?tab=notes', data: JSON.stringify({ body: 'GIZLI-TASLAK-METNI' }) });
    await core.call(admin, 'auth.signOut');
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const file of readdirSync(core.dir).filter((f) => f.startsWith('kalkan.db'))) {
      expect(readFileSync(join(core.dir, file)).includes('GIZLI-TASLAK-METNI')).toBe(false);
    }
  });
});

describe('the idle warning', () => {
  it('is due once per idle stretch, within the lead time before the lock', () => {
    const timer = new IdleTimer(10, 0);
    expect(timer.warnDue(8 * 60_000, 60_000)).toBe(false);
    expect(timer.warnDue(9 * 60_000 + 10_000, 60_000)).toBe(true);
    expect(timer.warnDue(9 * 60_000 + 20_000, 60_000)).toBe(false);
    timer.touch(9 * 60_000 + 30_000); // the user stayed: a new stretch, a new warning later
    expect(timer.warnDue(18 * 60_000 + 40_000, 60_000)).toBe(true);
    expect(timer.warnDue(10 ** 9, 60_000)).toBe(false);
  });

  it('is sent by the host tick a minute before the idle lock, then the lock follows', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const { core, admin } = await signedInCore({ now: () => now });
    const events: string[] = [];
    core.services.events.subscribe((event, payload) => events.push(`${event}:${JSON.stringify(payload)}`));
    await core.call(admin, 'security.setIdleMinutes', { minutes: 5 });
    now = new Date('2026-11-25T09:03:30Z');
    tick(core.services);
    expect(events).toEqual([]);
    now = new Date('2026-11-25T09:04:15Z');
    tick(core.services);
    tick(core.services);
    expect(events).toEqual(['session.idleWarning:{"remainingMs":45000}']);
    now = new Date('2026-11-25T09:05:00Z');
    tick(core.services);
    expect(events).toEqual(['session.idleWarning:{"remainingMs":45000}', 'vault.locked:{"reason":"idle"}']);
  });
});
