/**
 * Issue 14, item 10: when the query changes, the previous query's results leave the screen at
 * once (a "Searching…" status instead), so no one opens the previous child's case by mistake.
 * The search replies are held back here so the moment between typing and the answer is visible.
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

const child = (firstName: string, lastName: string) => ({
  household: { name: lastName, city: 'Ankara' },
  members: [{ person: { firstName, lastName, birthDate: '2015-05-05', sex: 'female' }, role: 'child', confirmedNew: true }],
  intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Devamsızlık.' },
});

for (const language of ['tr', 'en'] as const) {
  test(`search: a changed query clears the previous results at once (${language})`, async ({ signedIn: app }) => {
    const text = language === 'tr' ? tr : en;
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    await api(app, 'cases.create', child('Elif', 'Öztürk'));
    await api(app, 'cases.create', child('Zeynep', 'Öztekin'));
    await app.locator('[data-nav="cases"]').click();
    const box = app.getByRole('searchbox', { name: text.cases.search.label });
    const results = app.getByRole('region', { name: text.cases.search.results });

    await box.fill('ozturk');
    await expect(results.getByText('Elif Öztürk').first()).toBeVisible();

    // From now on every search reply takes 1.5 s.
    let held = 0;
    await app.route('**/__kalkan/api', async (route) => {
      if (route.request().postData()?.includes('"cases.search"')) {
        held++;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.continue();
    });
    await box.fill('oztekin');
    // Immediately: Elif's result is gone and the status says the search is running.
    await expect(results.getByText('Elif Öztürk')).toHaveCount(0, { timeout: 300 });
    await expect(app.getByTestId('search-pending')).toHaveText(text.cases.search.searching, { timeout: 300 });
    await app.screenshot({ path: `screenshots/search-pending-${language}.png` });
    await expect(results.getByText('Zeynep Öztekin').first()).toBeVisible();
    await expect(app.getByTestId('search-pending')).toHaveCount(0);
    expect(held).toBeGreaterThan(0);
    // Enter opens the (fresh) first result.
    await box.press('Enter');
    await expect(app.getByRole('heading', { level: 1, name: /Zeynep Öztekin/ })).toBeVisible();
  });
}
