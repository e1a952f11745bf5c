/**
 * Issue 14, item 10: the case list is a keyboard grid. One Tab reaches its rows; arrows move row
 * by row; PageDown/PageUp/Home/End scroll and keep focus on a row; the wheel never drops focus;
 * Enter opens the focused case. 400 demo cases at 1366×768, in Turkish and English.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { generateDemo } from '../../electron/core/demo/generate';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { api, expect, test } from './fixtures';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** The focused element: whether it is a row of the case grid, its index, and whether it is fully in the scroller's view below the header. */
function focusedRow(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; closest(s: string): unknown; getBoundingClientRect(): { top: number; bottom: number } } | null; querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } } | null } }).document;
    const el = doc.activeElement;
    const scroller = doc.querySelector('.virtual-scroller')!.getBoundingClientRect();
    const head = doc.querySelector('.case-table thead')!.getBoundingClientRect();
    if (!el || el.getAttribute('role') !== 'row' || !el.closest('table[role="grid"]')) return null;
    const box = el.getBoundingClientRect();
    return { index: Number(el.getAttribute('data-row')), rowIndex: Number(el.getAttribute('aria-rowindex')), inView: box.top >= head.bottom - 1 && box.bottom <= scroller.bottom + 1 };
  });
}

/** Row `index` (0-based) is focused and in view; its aria-rowindex counts the header row as 1. */
const at = (index: number) => ({ index, rowIndex: index + 2, inView: true });

/** Rows a PageDown moves: the rows that fit under the sticky header, less one (as the list does). */
function rowsPerPage(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { clientHeight: number; getBoundingClientRect(): { height: number } } } }).document;
    return Math.max(1, Math.floor((doc.querySelector('.virtual-scroller').clientHeight - doc.querySelector('.case-table thead').getBoundingClientRect().height) / 44) - 1);
  });
}

test('the case list is a keyboard grid: Tab reaches a row, PageDown/End/Home keep focus, Enter opens the case (tr, en)', async ({ signedIn: app, server }) => {
  test.slow();
  const vault = server.core.services.vault;
  const staff = await ensureDemoStaff(vault, 400, null);
  generateDemo(vault.database, { cases: 400, seed: 7, now: new Date(), staff });
  const { total } = await api<{ total: number }>(app, 'cases.list', { offset: 0, limit: 1 });
  const { total: open } = await api<{ total: number }>(app, 'cases.list', { status: ['intake', 'assessment', 'case_plan', 'implementation', 'follow_up'], offset: 0, limit: 1 });
  expect(total).toBeGreaterThan(300);

  // Every case, open and closed.
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('button', { name: new RegExp(`${tr.cases.filter.status}$`) }).click();
  await app.getByRole('option', { name: tr.cases.filter.all, exact: true }).click();
  const grid = app.getByRole('grid', { name: tr.pages.cases.title });
  await expect(grid.locator('tr[data-row="0"] a')).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));

  // One Tab from the last column header's sort button lands on the first row; the links inside rows are not tab stops.
  await grid.getByRole('button', { name: tr.cases.col.lastIntake }).focus();
  await app.keyboard.press('Tab');
  expect(await focusedRow(app)).toEqual(at(0));
  await expect(grid.locator('tbody [tabindex="0"]')).toHaveCount(1);

  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  expect(await focusedRow(app)).toEqual(at(2));
  await app.keyboard.press('ArrowUp');
  expect((await focusedRow(app))?.index).toBe(1);

  const perPage = await rowsPerPage(app);
  expect(perPage).toBeGreaterThan(3);
  for (let i = 1; i <= 4; i++) {
    await app.keyboard.press('PageDown');
    expect(await focusedRow(app)).toEqual(at(1 + i * perPage));
  }
  await app.keyboard.press('PageUp');
  expect(await focusedRow(app)).toEqual(at(1 + 3 * perPage));

  await app.keyboard.press('End');
  expect(await focusedRow(app)).toEqual(at(total - 1));
  const last = grid.locator(`tr[data-row="${total - 1}"]`);
  await expect(last.locator('a')).toBeVisible();

  // Scrolling away with the wheel keeps the focused row in the page: focus stays on it.
  const box = await app.locator('.virtual-scroller').boundingBox();
  await app.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await app.mouse.wheel(0, -total * 44);
  await expect(grid.locator('tr[data-row="0"]')).toBeVisible();
  expect((await focusedRow(app))?.index).toBe(total - 1);

  await app.keyboard.press('Home');
  expect(await focusedRow(app)).toEqual(at(0));
  await app.keyboard.press('PageDown');
  const opened = grid.locator(`tr[data-row="${perPage}"]`);
  await expect(opened).toBeFocused();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/case-grid-tr.png' });

  const caseNumber = (await opened.locator('a').textContent())!;
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toContainText(caseNumber);
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();

  // In English (the open cases, the list's default): the same keys; End, ArrowUp, Enter opens that case.
  expect(open).toBeGreaterThan(10);
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="cases"]').click();
  const gridEn = app.getByRole('grid', { name: en.pages.cases.title });
  await expect(gridEn.locator('tr[data-row="0"] a')).toBeVisible();
  await gridEn.getByRole('button', { name: en.cases.col.lastIntake }).focus();
  await app.keyboard.press('Tab');
  await app.keyboard.press('End');
  expect(await focusedRow(app)).toEqual(at(open - 1));
  await expect(gridEn.locator(`tr[data-row="${open - 1}"] a`)).toBeVisible();
  await app.keyboard.press('ArrowUp');
  expect(await focusedRow(app)).toEqual(at(open - 2));
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/case-grid-en.png' });
  const lastNumber = (await gridEn.locator(`tr[data-row="${open - 2}"] a`).textContent())!;
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toContainText(lastNumber);
});
