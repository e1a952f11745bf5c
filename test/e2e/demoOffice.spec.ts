/**
 * The demo office (issue 16): a newcomer signs in as the demo supervisor and
 * opens the example case — an approved assessment on the risk tab, a referral
 * on the referrals tab, hearings (one upcoming) and orders on the court tab.
 */
import type { Page } from '@playwright/test';
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { generateDemo } from '../../electron/core/demo/generate';
import { demoShowcase, type DemoShowcase } from '../../electron/core/demo/records';
import { DEMO_PASSWORD, ensureDemoStaff } from '../../electron/core/demo/staff';
import { ADMIN, expect, OFFICE, signIn, test } from './fixtures';

/** A fresh vault filled by the demo generator (seed 1, 400 cases as in the README), signed in as the demo supervisor. */
const demo = test.extend<{ demoOffice: { page: Page; showcase: DemoShowcase } }>({
  demoOffice: async ({ app, server }, use) => {
    const vault = server.core.services.vault;
    await vault.create({ officeName: OFFICE, admin: ADMIN });
    await vault.unlock(ADMIN.username, ADMIN.password);
    const staff = await ensureDemoStaff(vault, 400, null);
    generateDemo(vault.database, { cases: 400, seed: 1, now: new Date(), staff });
    const showcase = demoShowcase(vault.database);
    if (!showcase) throw new Error('the demo office has no example case');
    vault.lock('user');
    await app.reload();
    await signIn(app, 'derya.aksoy', DEMO_PASSWORD);
    await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toBeVisible();
    await use({ page: app, showcase });
  },
});

demo('the demo supervisor opens a case with an approved assessment, a referral and a hearing', async ({ demoOffice: { page: app, showcase } }) => {
  test.slow();
  // The example case `kalkan demo` prints (its case file's address, as a link would open it).
  await app.locator('[data-nav="cases"]').click();
  await app.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}`;
  }, showcase.caseId);
  await expect(app.getByRole('heading', { name: new RegExp(showcase.caseNumber) }).first()).toBeVisible();

  await app.getByRole('tab', { name: tr.cases.tabs.risk }).click();
  const history = app.getByRole('table', { name: tr.assessment.history.tableCaption });
  await expect(history.getByText(tr.assessment.status.approved).first()).toBeVisible();
  await expect(app.getByRole('img', { name: /./ }).first()).toBeVisible(); // the risk history chart

  await app.getByRole('tab', { name: tr.cases.tabs.referrals }).click();
  await expect(app.locator('li.referral').first()).toBeVisible();
  await expect(app.locator('li.referral .referral-state').first()).not.toHaveText(tr.referrals.state.draft);

  await app.getByRole('tab', { name: tr.cases.tabs.court }).click();
  await expect(app.locator('.court-item').filter({ hasText: tr.court.hearingStatus.scheduled }).first()).toBeVisible();
  await expect(app.getByRole('heading', { name: tr.court.orders })).toBeVisible();
  await app.screenshot({ path: 'screenshots/demo-case-court-tr.png', fullPage: true });
});
