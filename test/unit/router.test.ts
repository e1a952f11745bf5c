import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { CodedError } from '../../shared/api/envelope';
import { handlers } from '../../electron/core/handlers';
import { JobRegistry } from '../../electron/core/jobs';
import { createLogger } from '../../electron/core/log';
import { createRouter, type Handlers } from '../../electron/core/router';
import type { CoreServices, VaultStatus } from '../../electron/core/services';
import { newClientState } from '../../electron/core/session';
import { SettingsStore } from '../../electron/core/settings';

function setup(vaultStatus: VaultStatus = 'absent', overrides: Partial<Handlers> = {}) {
  const lines: string[] = [];
  const services: CoreServices = {
    host: { version: '9.9.9', platform: 'test' },
    settings: new SettingsStore(join(mkdtempSync(join(tmpdir(), 'kalkan-router-')), 'settings.json')),
    jobs: new JobRegistry(),
    log: createLogger((line) => lines.push(line)),
    vault: { status: () => vaultStatus },
  };
  const router = createRouter(services, { ...handlers, ...overrides }, { validateOutput: true });
  return { router, services, lines };
}

describe('router', () => {
  it('answers a public method with an ok envelope', async () => {
    const { router } = setup();
    const reply = await router.handle(newClientState(), 'app.info', {});
    expect(reply).toEqual({ ok: true, value: { name: 'Kalkan', version: '9.9.9', schemaVersion: expect.any(Number), platform: 'test' } });
  });

  it('refuses an unknown method with a code and changes nothing', async () => {
    const { router, services } = setup();
    const before = services.settings.get();
    expect(await router.handle(newClientState(), 'settings.dropEverything', {})).toEqual({ ok: false, error: { code: 'api.unknownMethod' } });
    expect(await router.handle(newClientState(), '__proto__', {})).toEqual({ ok: false, error: { code: 'api.unknownMethod' } });
    expect(await router.handle(newClientState(), 42, {})).toEqual({ ok: false, error: { code: 'api.unknownMethod' } });
    expect(services.settings.get()).toEqual(before);
  });

  it('refuses input that fails its schema, naming the field but not the value, and changes nothing', async () => {
    const { router, services, lines } = setup();
    const reply = await router.handle(newClientState(), 'settings.setLanguage', { language: 'Ayşe Yılmaz 12345678901' });
    expect(reply).toEqual({ ok: false, error: { code: 'api.invalidInput', params: { fields: 'language' } } });
    expect(services.settings.get().language).toBe('tr');
    expect(lines.join('\n')).not.toContain('Ayşe');
    expect(lines.join('\n')).not.toContain('12345678901');
    // Extra keys are refused too: the schemas are strict.
    const extra = await router.handle(newClientState(), 'settings.setLanguage', { language: 'en', admin: true });
    expect(extra.ok).toBe(false);
  });

  it('refuses a session method while the vault is locked or nobody is signed in', async () => {
    const probe = { ...contract['app.info'], access: 'session' as const };
    // A temporary method spec is not possible without editing the contract, so check the rule via a real
    // protected method as soon as one exists; here: the access rule itself through a patched contract entry.
    const original = contract['app.health'];
    (contract as Record<string, unknown>)['app.health'] = probe;
    try {
      const locked = setup('locked');
      expect(await locked.router.handle(newClientState(), 'app.health', {})).toEqual({ ok: false, error: { code: 'auth.locked' } });
      const unlocked = setup('unlocked');
      expect(await unlocked.router.handle(newClientState(), 'app.health', {})).toEqual({ ok: false, error: { code: 'auth.signedOut' } });
    } finally {
      (contract as Record<string, unknown>)['app.health'] = original;
    }
  });

  it('refuses a method whose permission the roles lack', async () => {
    const original = contract['settings.setLanguage'];
    (contract as Record<string, unknown>)['settings.setLanguage'] = { ...original, access: 'users:manage' };
    try {
      const { router, services } = setup('unlocked');
      const client = newClientState();
      client.session = { userId: 'u1', username: 'cw', displayName: 'Case Worker', roles: ['caseworker'] };
      expect(await router.handle(client, 'settings.setLanguage', { language: 'en' })).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
      expect(services.settings.get().language).toBe('tr');
      client.session = { ...client.session, roles: ['caseworker', 'admin'] };
      expect((await router.handle(client, 'settings.setLanguage', { language: 'en' })).ok).toBe(true);
    } finally {
      (contract as Record<string, unknown>)['settings.setLanguage'] = original;
    }
  });

  it('never lets exception text reach the reply or the log', async () => {
    const { router, lines } = setup('absent', {
      'app.info': () => {
        throw new Error('SQLITE_CONSTRAINT: children.name = Zeynep Öztürk');
      },
      'app.health': () => {
        throw new CodedError('job.cancelled');
      },
    });
    expect(await router.handle(newClientState(), 'app.info', {})).toEqual({ ok: false, error: { code: 'internal' } });
    expect(await router.handle(newClientState(), 'app.health', {})).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(lines.join('\n')).not.toMatch(/Zeynep|SQLITE/);
  });

  it('catches a handler whose output drifts from the contract', async () => {
    const { router } = setup('absent', { 'app.info': () => ({ name: 'Kalkan' }) as never });
    expect(await router.handle(newClientState(), 'app.info', {})).toEqual({ ok: false, error: { code: 'internal' } });
  });

  it('answers arbitrary input with an envelope and never throws', async () => {
    const { router } = setup();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...Object.keys(contract)), fc.string()), fc.anything(), async (method, input) => {
        const reply = await router.handle(newClientState(), method, input);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) expect(reply.error.code).toMatch(/^[a-z]+(\.[A-Za-z]+)*$/);
      }),
      { numRuns: 300 },
    );
  });
});
