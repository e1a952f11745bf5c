/**
 * Rotating the office key in the app (issue 13): disabling a user offers it, the dashboard
 * recommends it until done, and the new recovery key is shown once with its sheet.
 */
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

const rot = tr.admin.rotation;

test('disabling a user offers rotation; the dashboard recommends it until the office key is rotated', async ({ signedIn: app }) => {
  await api(app, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: 'gecici-parola-mor-dag-yuksek' });
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('button', { name: new RegExp(tr.admin.users.disableOf.replace('{{name}}', 'Ayşe Demir')) }).click();
  const offer = app.getByRole('dialog', { name: rot.offerTitle });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: rot.later }).click();
  await app.locator('[data-nav="dashboard"]').click();
  await expect(app.getByText(rot.recommended.userDisabled)).toBeVisible();
  await app.getByRole('link', { name: tr.dashboard.rotation.action }).click();
  await app.getByRole('button', { name: rot.rotate }).click();
  const confirm = app.getByRole('alertdialog', { name: rot.confirmTitle });
  await confirm.getByRole('button', { name: rot.rotateNow }).click();
  const key = app.getByTestId('recovery-key');
  await expect(key).toHaveText(/^([0-9A-Z]{1,5}){11}$/, { timeout: 30_000 });
  await app.screenshot({ path: 'test-results/rotation-done.png', fullPage: true });
  await app.getByRole('button', { name: rot.saved }).click();
  await expect(app.getByTestId('recovery-key')).toHaveCount(0);
  await app.locator('[data-nav="dashboard"]').click();
  await expect(app.getByText(rot.recommended.userDisabled)).toHaveCount(0);
});
