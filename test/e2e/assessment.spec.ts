import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AssessmentRecord } from '../../shared/api/schemas/assessments';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import type { LevelId } from '../../shared/risk-tool/types';
import { ADMIN, expect, signIn, test } from './fixtures';

const WORKER = { username: 'ayse', displayName: 'Ayşe Demir', temp: 'gecici-parola-mor-dag', password: 'pembe-fil-kitap-okuyor' };

/** Calls the core as the browser's signed-in user, through the page's own window.kalkan bridge. */
async function invoke<T>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const reply = (await page.evaluate(
    ([m, i]) => (globalThis as unknown as { kalkan: { invoke(method: string, input: unknown): Promise<unknown> } }).kalkan.invoke(m as string, i),
    [method, input] as const,
  )) as { ok: boolean; value?: T; error?: { code: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.code}`);
  return reply.value as T;
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function createCase(page: Page, responsibleUserId?: string): Promise<{ id: number; caseNumber: string }> {
  return invoke(page, 'cases.create', {
    household: { name: 'Öztürk', city: 'İstanbul' },
    members: [
      { person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Murat', lastName: 'Öztürk', birthYear: 1985, sex: 'male' }, role: 'caregiver', relationship: 'father', offending: true, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni çocuğun kolunda morluklar gördü.' },
    ...(responsibleUserId ? { responsibleUserId } : {}),
  });
}

const open = (page: Page, hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

/** The first harm criterion at `level` without a "may be higher" mark (its accessible name is its text alone). */
const plainCriterion = (level: LevelId) => INSTRUMENT.domains.filter((d) => d.kind === 'harm').flatMap((d) => d.criteria).find((c) => c.level === level && !c.mayBeHigher)!;
const domainOf = (criterionId: string) => INSTRUMENT.domains.find((d) => d.criteria.some((c) => c.id === criterionId))!;

/** Marks every domain without a ticked criterion "looked at, nothing found", one click each; the progress reaches 18 / 18. */
async function screenAllBut(page: Page, ticked: string[], progress: string) {
  const answered = new Set(ticked.map((id) => domainOf(id).id));
  for (const domain of INSTRUMENT.domains) {
    if (answered.has(domain.id)) continue;
    const toggle = page.locator(`[data-screen="${domain.id}"]`);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(page.getByTestId('domain-progress')).toHaveText(progress.replace('{{done}}', '18').replace('{{total}}', '18'));
}

const levelTr = (level: LevelId) => INSTRUMENT.levels.find((l) => l.id === level)!.tr;
const levelEn = (level: LevelId) => INSTRUMENT.levels.find((l) => l.id === level)!.en;

test('a supervisor ticks a High criterion with the keyboard, decides Urgent with a written reason, and the deadline tasks are created', async ({ signedIn: app }) => {
  // Three axe runs over the whole instrument (246 criteria) in two languages take their time.
  test.slow();
  const kase = await createCase(app);
  await open(app, `#/assessments/new?caseId=${kase.id}`);
  await expect(app.getByRole('heading', { level: 1, name: tr.assessment.titleFor.replace('{{name}}', 'Elif Öztürk') })).toBeVisible();
  const computed = app.locator('.computed-row .level-badge');
  await expect(computed).toHaveText(levelTr('none'));

  // Tick with the keyboard: focus, Space; the arrows move between criteria, Alt+↓ to the next domain.
  const high = plainCriterion('high');
  const box = app.getByRole('checkbox', { name: high.tr, exact: true });
  await box.focus();
  await app.keyboard.press('Space');
  await expect(box).toBeChecked();
  await expect(computed).toHaveText(levelTr('high'));
  await app.keyboard.press('ArrowDown');
  await expect(box).not.toBeFocused();
  await expect(app.locator('input[type="checkbox"]:focus')).toHaveCount(1);
  await app.keyboard.press('Alt+ArrowDown');
  const second = INSTRUMENT.domains[1]!;
  await expect(app.getByRole('heading', { level: 3, name: new RegExp(second.tr) })).toBeFocused();
  await expect(app.getByRole('navigation', { name: tr.assessment.navigator }).getByRole('button').first()).toContainText(`1 ${tr.assessment.ticked}`);

  // The deadlines shown follow the level chosen; Urgent differs from the computed High, so a reason is required.
  await expect(app.getByRole('heading', { name: tr.assessment.deadlinesFor.replace('{{level}}', levelTr('high')) })).toBeVisible();
  const radio = (level: LevelId) => app.getByRole('radio', { name: new RegExp(`^${levelTr(level)}`) });
  await expect(radio('high')).toBeChecked();
  await radio('high').focus();
  await app.keyboard.press('ArrowUp');
  await expect(radio('urgent')).toBeChecked();
  await expect(app.getByRole('heading', { name: tr.assessment.deadlinesFor.replace('{{level}}', levelTr('urgent')) })).toBeVisible();
  const reason = app.getByLabel(tr.assessment.reasonRequired);
  await expect(reason).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/assessment-tr.png' });

  // Every other domain is looked at with nothing found (one click each), then the reason is still required.
  await screenAllBut(app, [high.id], tr.assessment.progress);
  await app.getByRole('button', { name: tr.assessment.save }).click();
  await expect(app.getByText(tr.errors.assessments.reasonRequired.replace('{{min}}', '10'))).toBeVisible();
  expect(await invoke<AssessmentRecord[]>(app, 'assessments.listForCase', { caseId: kase.id })).toEqual([]);

  await reason.fill('Baba çocuğu tehdit etmeye devam ediyor; çocuk eve dönmekten korkuyor.');
  await app.getByRole('textbox', { name: tr.assessment.summary, exact: true }).fill('Okul bildirimi, ev ziyareti yapıldı.');
  await app.getByRole('button', { name: tr.assessment.save }).click();

  await expect(app.getByRole('heading', { level: 1, name: tr.assessment.saved })).toBeFocused();
  await expect(app.getByText(tr.assessment.approvedMessage)).toBeVisible();
  const [record] = await invoke<AssessmentRecord[]>(app, 'assessments.listForCase', { caseId: kase.id });
  expect(record).toMatchObject({ computed: 'high', finalLevel: 'urgent', status: 'approved', criteria: [high.id], childAge: expect.any(Number) });
  expect(record!.screened).toHaveLength(17);
  await expect(app.getByTestId('screened-domains')).toContainText(INSTRUMENT.domains[17]!.tr);
  expect(record!.overrideReason).toContain('Baba çocuğu');
  expect(record!.taskCount).toBeGreaterThan(0);
  await expect(app.getByRole('heading', { level: 2, name: tr.assessment.tasksCreated_other.replace('{{count}}', String(record!.taskCount)) })).toBeVisible();
  const file = await invoke<{ tasks: Array<{ source: string; doneAt: string | null; priority: string | null }> }>(app, 'cases.get', { caseId: kase.id });
  expect(file.tasks.filter((t) => t.source === 'risk' && !t.doneAt && t.priority === 'urgent')).toHaveLength(record!.taskCount);

  // The list shows it, with the computed level and the decision side by side.
  await app.getByRole('link', { name: tr.assessment.toList }).click();
  await expect(app.getByRole('heading', { level: 1, name: tr.pages.assessments.title })).toBeVisible();
  const row = app.getByRole('row').filter({ hasText: kase.caseNumber });
  await expect(row).toContainText(levelTr('urgent'));
  await expect(row).toContainText(tr.assessment.status.approved);
  expect(await axe(app)).toEqual([]);

  // Reassessment starts from the previous answers.
  await open(app, `#/assessments/new?caseId=${kase.id}&previousId=${record!.id}`);
  await expect(app.getByRole('checkbox', { name: high.tr, exact: true })).toBeChecked();
  await expect(computed).toHaveText(levelTr('high'));

  // English, once: the instrument's own English, the app's words, the suggestions with their rules, no a11y regressions.
  await app.getByRole('radio', { name: 'English' }).click();
  await expect(app.getByRole('heading', { level: 1, name: en.assessment.titleFor.replace('{{name}}', 'Elif Öztürk') })).toBeVisible();
  await expect(app.getByRole('checkbox', { name: high.en, exact: true })).toBeChecked();
  await expect(computed).toHaveText(levelEn('high'));
  // Two milder harm concerns, one of them marked "may be higher": Medium computed, High suggested, each suggestion with its rule.
  const mayBeHigher = INSTRUMENT.domains[0]!.criteria.find((c) => c.mayBeHigher)!;
  const lowElsewhere = INSTRUMENT.domains.find((d) => d.id === 'neglect')!.criteria.find((c) => c.level === 'low' && !c.mayBeHigher)!;
  await app.getByRole('checkbox', { name: high.en, exact: true }).press('Space');
  await app.getByRole('checkbox', { name: `${mayBeHigher.en} ${en.assessment.mayBeHigher}`, exact: true }).press('Space');
  await app.getByRole('checkbox', { name: lowElsewhere.en, exact: true }).press('Space');
  await expect(computed).toHaveText(levelEn('medium'));
  const side = app.getByRole('complementary', { name: en.assessment.sideTitle });
  for (const rule of ['several-low-medium', 'may-be-higher']) await expect(side).toContainText(INSTRUMENT.rules.find((r) => r.id === rule)!.en);
  await side.getByRole('button', { name: en.assessment.applySuggestion.replace('{{level}}', levelEn('high')) }).click();
  await expect(app.getByRole('radio', { name: new RegExp(`^${levelEn('high')}`) })).toBeChecked();
  await expect(app.getByLabel(en.assessment.reasonRequired)).toBeFocused();
  await app.locator('.content').evaluate((content) => content.scrollTo(0, 0));
  await side.evaluate((panel) => panel.scrollTo(0, 0));
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/assessment-en.png' });
});

test('a caseworker’s Urgent decision starts its tasks at once and waits for a supervisor, who approves it from the list', async ({ signedIn: app }) => {
  const worker = await invoke<{ id: string }>(app, 'users.create', { username: WORKER.username, displayName: WORKER.displayName, roles: ['caseworker'], password: WORKER.temp });
  const kase = await createCase(app, worker.id);
  await invoke(app, 'auth.signOut');
  await app.reload();
  await signIn(app, WORKER.username, WORKER.temp);
  await app.getByLabel(tr.auth.currentPassword).fill(WORKER.temp);
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill(WORKER.password);
  await app.getByLabel(tr.auth.repeatPassword).fill(WORKER.password);
  await app.getByRole('button', { name: tr.auth.changePassword }).click();
  await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toBeVisible();

  // From the assessments list: find the case and start.
  await app.locator('[data-nav="assessments"]').click();
  await expect(app.getByText(tr.assessment.list.recentEmpty)).toBeVisible();
  await app.getByLabel(tr.assessment.list.searchLabel).fill(kase.caseNumber);
  await app.getByRole('button', { name: tr.assessment.list.search }).click();
  await app.getByRole('link', { name: tr.assessment.list.assessCaseOf.replace('{{number}}', kase.caseNumber) }).click();
  await expect(app.getByRole('heading', { level: 1, name: tr.assessment.titleFor.replace('{{name}}', 'Elif Öztürk') })).toBeVisible();

  // Nothing answered: the core refuses, naming the 18 domains not looked at.
  await expect(app.getByTestId('domain-progress')).toHaveText('0 / 18 alan');
  await app.getByRole('button', { name: tr.assessment.save }).click();
  const refusal = app.getByRole('alert').filter({ hasText: 'Kaydedilmedi' });
  await expect(refusal).toContainText('Eksik alanlar (18)');
  for (const domain of INSTRUMENT.domains) await expect(refusal).toContainText(domain.tr);
  expect(await invoke<AssessmentRecord[]>(app, 'assessments.listForCase', { caseId: kase.id })).toEqual([]);

  // "Go to the next open domain" jumps to the next domain not looked at after the current (the first) one; screening is one keyboard press.
  await app.getByRole('button', { name: tr.assessment.nextOpen }).click();
  await expect(app.getByRole('heading', { level: 3, name: new RegExp(INSTRUMENT.domains[1]!.tr) })).toBeFocused();
  const urgent = plainCriterion('urgent');
  const firstOther = INSTRUMENT.domains.find((d) => d.id !== domainOf(urgent.id).id)!;
  await app.locator(`[data-screen="${firstOther.id}"]`).focus();
  await app.keyboard.press('Space');
  await expect(app.locator(`[data-screen="${firstOther.id}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByTestId('domain-progress')).toHaveText('1 / 18 alan');
  await app.locator(`[data-screen="${firstOther.id}"]`).press('Space');
  await expect(app.getByTestId('domain-progress')).toHaveText('0 / 18 alan');

  // Screen 17 domains, tick one criterion: complete.
  await app.getByRole('checkbox', { name: urgent.tr, exact: true }).focus();
  await app.keyboard.press('Space');
  await screenAllBut(app, [urgent.id], tr.assessment.progress);
  await expect(app.locator('.computed-row .level-badge')).toHaveText(levelTr('urgent'));
  await expect(app.getByText(tr.assessment.needsApproval)).toBeVisible();
  await app.getByRole('button', { name: tr.assessment.save }).click();
  await expect(app.getByText(tr.assessment.pendingMessage)).toBeVisible();
  const [record] = await invoke<AssessmentRecord[]>(app, 'assessments.listForCase', { caseId: kase.id });
  expect(record).toMatchObject({ finalLevel: 'urgent', status: 'pending_approval' });
  expect(record!.taskCount).toBeGreaterThan(0);

  // The supervisor (the office's first admin is also a supervisor) approves it.
  await invoke(app, 'auth.signOut');
  await app.reload();
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.locator('[data-nav="assessments"]').click();
  const pending = app.locator('.panel').filter({ has: app.getByRole('heading', { name: tr.assessment.list.pendingTitle }) });
  await expect(pending.getByRole('row').filter({ hasText: kase.caseNumber })).toContainText(WORKER.displayName);
  await expect(app.getByRole('row').filter({ hasText: tr.assessment.status.pending_approval })).toHaveCount(1);
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/assessments-list.png' });

  await pending.getByRole('button', { name: tr.assessment.list.return }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByRole('button', { name: tr.assessment.list.return }).click();
  await expect(dialog.getByText(tr.assessment.list.noteRequired)).toBeVisible();
  await dialog.getByRole('button', { name: tr.common.cancel }).click();

  await pending.getByRole('button', { name: tr.assessment.list.approve }).click();
  // The supervisor sees what was ticked and what was screened, not only the summary.
  const findings = app.getByRole('dialog').getByTestId('recorded-findings');
  await expect(findings).toContainText(urgent.tr);
  await expect(findings).toContainText(tr.assessment.findings.screened_other.replace('{{count}}', '17'));
  await expect(findings.getByTestId('screened-domains')).toContainText(firstOther.tr);
  await app.screenshot({ path: 'screenshots/assessment-approval-tr.png' });
  await app.getByRole('dialog').getByLabel(tr.assessment.list.approveNote).fill('Savcılığa bildirildi.');
  await app.getByRole('dialog').getByRole('button', { name: tr.assessment.list.approve }).click();
  await expect(app.getByText(tr.assessment.list.approvedNotice.replace('{{number}}', kase.caseNumber))).toBeVisible();
  await expect(app.getByText(tr.assessment.list.pendingEmpty)).toBeVisible();
  const approved = await invoke<AssessmentRecord>(app, 'assessments.get', { id: record!.id });
  expect(approved).toMatchObject({ status: 'approved', decidedBy: { name: ADMIN.displayName }, decisionNote: 'Savcılığa bildirildi.' });
});
