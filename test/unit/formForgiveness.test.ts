/** Issue 14, item 9: required fields say so, names in passwords are never "strong". */
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../shared/auth/passwordPolicy';
import { signedInCore } from '../fixtures/vaults';

describe('form messages', () => {
  it('names the empty fields apart from the invalid ones', async () => {
    const { core, admin } = await signedInCore();
    const reply = await core.router.handle(admin, 'cases.create', {
      household: { name: '' },
      members: [{ person: { firstName: '', lastName: 'Öztürk', birthDate: '2016-02-30' }, role: 'child' }],
      intake: { receivedAt: '2026-03-02T10:00', channel: 'alo_153', concerns: ['domestic_violence'], summary: '   ' },
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('api.invalidInput');
    const fields = String(reply.error.params?.fields).split(',');
    const empty = String(reply.error.params?.empty).split(',');
    expect(fields).toEqual(expect.arrayContaining(['members.0.person.firstName', 'members.0.person.birthDate', 'intake.summary']));
    expect(empty).toEqual(expect.arrayContaining(['members.0.person.firstName', 'intake.summary']));
    expect(empty).not.toContain('members.0.person.birthDate');
  });
});

describe('password policy', () => {
  it('refuses a password built on the office name, folded, and never rates it strong', () => {
    const office = 'Keçiören Çocuk Koruma Birimi';
    const check = checkPassword('Kecioren2026!', { username: 'ayse', displayName: 'Ayşe Yıldırım', officeName: office });
    expect(check.problems).toContain('containsName');
    expect(check.ok).toBe(false);
    expect(check.score).toBeLessThanOrEqual(1);
    expect(checkPassword('KEÇİÖREN-2026-kalkan', { officeName: office }).problems).toContain('containsName');
    // The words every office name has are not names: a passphrase with "koruma" is judged on its strength.
    expect(checkPassword('mavi-koruma-sabah-çayı-içer', { officeName: office }).problems).not.toContain('containsName');
    expect(checkPassword('mavi-kedi-sabah-çayı-içer', { officeName: office }).ok).toBe(true);
  });
});
