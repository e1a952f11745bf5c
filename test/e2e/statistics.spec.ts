import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import type { StatsPeriod } from '../../shared/api/schemas/stats';
import { generateDemo } from '../../electron/core/demo/generate';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { api, expect, test } from './fixtures';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** The whole page in one picture: the content scrolls inside <main>, so grow the window to its height. */
async function screenshotAll(page: Page, path: string) {
  await expect(page.locator('[data-chart-pending]')).toHaveCount(0);
  const height = await page.locator('main').evaluate((main) => main.scrollHeight + 60);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: Math.min(height, 9000) });
  await page.screenshot({ path });
  await page.setViewportSize(size);
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('statistics on a demo office: period picker, charts with their tables, both languages, CSV and PDF exports', async ({ signedIn: app, server }) => {
  test.setTimeout(120_000);
  // A demo office through the core: ten years of invented cases, "now" = today.
  const vault = server.core.services.vault;
  const staff = await ensureDemoStaff(vault, 900, null);
  generateDemo(vault.database, { cases: 900, seed: 11, now: new Date(), staff, notesPerCase: 1 });
  const year = new Date().getFullYear();
  const expected = await api<StatsPeriod>(app, 'stats.period', { from: `${year}-01-01`, to: `${year}-12-31` });
  expect(expected.hasData).toBe(true);

  await app.locator('[data-nav="statistics"]').click();
  await expect(app.getByRole('heading', { level: 1, name: tr.pages.statistics.title })).toBeVisible();
  const summary = app.getByTestId('stats-summary');
  await expect(summary).toBeVisible();
  // The screen shows the figures of stats.period (this year by default).
  await expect(summary.locator('.stats-figure').filter({ hasText: tr.stats.summary.newCases }).locator('dd')).toHaveText(String(expected.summary.newCases.value));
  await expect(summary.locator('.stats-figure').filter({ hasText: tr.stats.summary.childrenServed }).locator('dd')).toHaveText(String(expected.summary.childrenServed.value));
  // Charts (pictures) and the tables that carry their numbers.
  // The charts are drawn one per task (ChartQueue.tsx): wait until none is pending, then count them.
  await expect(app.locator('[data-chart-pending]')).toHaveCount(0);
  await expect(app.locator('.stats-chart svg.stats-svg').first()).toBeVisible();
  expect(await app.locator('.stats-chart svg.stats-svg').count()).toBeGreaterThanOrEqual(6);
  const concerns = app.getByTestId('stats-concerns');
  const top = expected.concerns.cells[0]!;
  await expect(concerns.getByRole('table').getByRole('row', { name: new RegExp(`^${top.label!.tr}`) })).toContainText(String(top.count));
  await expect(concerns.getByRole('table').locator('tfoot')).toContainText(String(expected.concerns.total));
  await expect(app.getByTestId('stats-monthly').getByRole('table').locator('tbody tr')).toHaveCount(12);
  expect(await axe(app)).toEqual([]);
  await screenshotAll(app, 'screenshots/statistics-tr.png');

  // A quarter, then custom dates; an impossible range is refused in place.
  await pick(app, tr.stats.page.periodKind, tr.stats.page.kind.quarter);
  await pick(app, tr.stats.page.quarter, tr.stats.page.quarterName.replace('{{n}}', '1'));
  await expect(app.getByText(`01.01.${year} – 31.03.${year}`)).toBeVisible();
  await expect(app.getByTestId('stats-monthly').getByRole('table').locator('tbody tr')).toHaveCount(3);
  await pick(app, tr.stats.page.periodKind, tr.stats.page.kind.custom);
  await expect(app.getByRole('group', { name: tr.stats.page.from, exact: true })).toBeVisible();

  // Back to the year, as one caseworker.
  await pick(app, tr.stats.page.periodKind, tr.stats.page.kind.year);
  await pick(app, tr.stats.caseworker, 'Ayşe Yıldırım');
  const ayse = (await api<{ caseworkers: Array<{ id: string; displayName: string }> }>(app, 'stats.options')).caseworkers.find((c) => c.displayName === 'Ayşe Yıldırım')!;
  const hers = await api<StatsPeriod>(app, 'stats.period', { from: `${year}-01-01`, to: `${year}-12-31`, caseworkerId: ayse.id });
  await expect(summary.locator('.stats-figure').filter({ hasText: tr.stats.summary.activeCases }).locator('dd')).toHaveText(String(hers.summary.activeCases.value));
  await pick(app, tr.stats.caseworker, tr.stats.allCaseworkers);

  // CSV to a path typed in the app; small counts hidden.
  const dir = mkdtempSync(join(tmpdir(), 'kalkan-e2e-csv-'));
  const file = join(dir, 'istatistik.csv');
  // React Aria hides the native input: click the visible label, as a user does.
  await app.locator('label.switch').filter({ hasText: tr.stats.page.suppress }).click();
  await expect(app.getByRole('switch', { name: tr.stats.page.suppress })).toBeChecked();
  await app.getByLabel(tr.stats.page.csvPath).fill(file);
  await app.getByRole('button', { name: tr.stats.page.csvSave }).click();
  await expect(app.getByText(tr.stats.page.csvDone.split(':')[0]!)).toBeVisible();
  expect(existsSync(file)).toBe(true);
  const csv = readFileSync(file, 'utf8');
  expect(csv.startsWith('\uFEFFDönem istatistikleri')).toBe(true);
  expect(csv).toContain('Gizlilik;"Gizlilik: gösterilecek kayıt sayısı 5 altında');
  // Again: the file exists; replacing it is a deliberate second step.
  await app.getByRole('button', { name: tr.stats.page.csvSave }).click();
  await expect(app.getByText(tr.errors.stats.fileExists)).toBeVisible();
  await app.getByRole('button', { name: tr.stats.page.overwrite }).click();
  await expect(app.getByText(tr.stats.page.csvDone.split(':')[0]!)).toBeVisible();

  // The PDF report, previewed in the page.
  await app.getByRole('button', { name: tr.stats.page.pdfMake }).click();
  await expect(app.locator('.pdf-preview iframe')).toBeVisible({ timeout: 30_000 });
  await expect(app.locator('.pdf-toolbar')).toContainText(/KLK-\d{4}-\d{6}/);

  // English.
  await app.getByRole('radio', { name: 'English' }).click();
  await expect(app.getByRole('heading', { level: 1, name: en.pages.statistics.title })).toBeVisible();
  await expect(app.getByRole('heading', { level: 2, name: en.stats.table.concerns })).toBeVisible();
  await expect(concerns.getByRole('table').getByRole('row', { name: new RegExp(`^${top.label!.en}`) })).toContainText(String(top.count));
  expect(await axe(app)).toEqual([]);
  await screenshotAll(app, 'screenshots/statistics-en.png');
});

test('one case with two concerns: half each; a month without reports shows the empty state', async ({ signedIn: app }) => {
  await api(app, 'cases.create', {
    household: { name: 'Öztürk', city: 'İstanbul' },
    members: [{ person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: new Date().toISOString(), channel: 'school', concerns: ['educational_neglect', 'emotional_neglect'], summary: 'Okula devamsızlık bildirimi.' },
  });
  await app.locator('[data-nav="statistics"]').click();
  const summary = app.getByTestId('stats-summary');
  await expect(summary.locator('.stats-figure').filter({ hasText: tr.stats.summary.newCases }).locator('dd')).toHaveText('1');
  await expect(app.getByTestId('stats-concerns').getByRole('table')).toContainText('%50,0');
  // A year without cases.
  await pick(app, tr.stats.page.year, String(new Date().getFullYear() - 0));
  await pick(app, tr.stats.page.periodKind, tr.stats.page.kind.month);
  const month = new Date().getMonth() === 0 ? 2 : 1;
  const name = new Intl.DateTimeFormat('tr-TR', { month: 'long' }).format(new Date(2026, month - 1, 1));
  await pick(app, tr.stats.page.month, name);
  await expect(app.getByText(tr.stats.page.empty)).toBeVisible();
  expect(await axe(app)).toEqual([]);
});
