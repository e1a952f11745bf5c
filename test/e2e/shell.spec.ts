import AxeBuilder from '@axe-core/playwright';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { expect, test } from './fixtures';

const AREAS = ['dashboard', 'cases', 'calendar', 'assessments', 'referrals', 'court', 'statistics', 'administration'] as const;

test('the shell loads in Turkish with every area in the navigation and no console errors', async ({ signedIn: app }) => {
  await expect(app.getByRole('heading', { level: 1, name: tr.pages.dashboard.title })).toBeVisible();
  const nav = app.getByRole('navigation', { name: tr.app.mainNavigation });
  for (const area of AREAS) await expect(nav.getByRole('link', { name: tr.nav[area] })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'tr');
  await app.screenshot({ path: 'screenshots/shell-tr.png' });
});

test('switching language switches every visible string, and the choice is kept', async ({ signedIn: app }) => {
  await app.locator('[data-nav="cases"]').click();
  await expect(app.getByRole('heading', { level: 1, name: tr.pages.cases.title })).toBeVisible();
  // The list answers after the heading: wait for its empty state before reading the page.
  await expect(app.getByText(tr.pages.cases.empty)).toBeVisible();
  const turkishText = await app.locator('body').innerText();

  await app.getByRole('radio', { name: 'English' }).click();
  await expect(app.getByRole('heading', { level: 1, name: en.pages.cases.title })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.getByText(en.pages.cases.empty)).toBeVisible();
  const englishText = await app.locator('body').innerText();

  // Every Turkish-only string on screen is gone; every English one is there.
  const visible = (catalog: typeof tr) => [
    ...AREAS.map((area) => catalog.nav[area]),
    catalog.pages.cases.title,
    catalog.pages.cases.empty,
  ];
  for (const text of visible(en)) expect(englishText).toContain(text);
  for (const text of visible(tr)) {
    if (!visible(en).includes(text)) expect(englishText).not.toContain(text);
  }
  expect(turkishText).toContain(tr.pages.cases.empty);
  await app.screenshot({ path: 'screenshots/shell-en.png' });

  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: en.pages.cases.title })).toBeVisible();
});

test('axe finds no serious or critical violations in either language', async ({ signedIn: app }) => {
  for (const language of ['Türkçe', 'English']) {
    await app.getByRole('radio', { name: language }).click();
    for (const area of ['dashboard', 'cases', 'administration'] as const) {
      await app.locator(`[data-nav="${area}"]`).click();
      await expect(app.getByRole('heading', { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page: app }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }
  }
});

test('every navigation item is reachable and opens with the keyboard', async ({ signedIn: app }) => {
  // After sign-in focus is on the page's heading (issue 14); the skip link and the navigation lie before it.
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
  const skip = app.getByRole('link', { name: tr.app.skipToContent });
  for (let i = 0; i < 20 && !(await skip.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await app.keyboard.press('Shift+Tab');
  await expect(skip).toBeFocused();
  for (const area of AREAS) {
    await app.keyboard.press('Tab');
    const focused = app.locator(`[data-nav="${area}"]`);
    await expect(focused).toBeFocused();
  }
  for (const area of AREAS) {
    await app.locator(`[data-nav="${area}"]`).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { level: 1, name: tr.pages[area].title })).toBeVisible();
    await expect(app.locator(`[data-nav="${area}"]`)).toHaveAttribute('aria-current', 'page');
  }
});
