/**
 * Issue 14, item 9: completing a task asks what came of it (required), offers Undo for
 * 10 seconds in a toast, and the outcome shows with the done task in the case's tasks.
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

for (const language of ['tr', 'en'] as const) {
  test(`completing a task asks for the outcome, can be undone, and shows the outcome in the case's tasks (${language})`, async ({ signedIn: app }) => {
    const text = language === 'tr' ? tr : en;
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    const created = await api<{ id: number }>(app, 'cases.create', {
      household: { name: 'Yıldız', city: 'İstanbul' },
      members: [{ person: { firstName: 'Deniz', lastName: 'Yıldız', birthDate: '2016-02-03', sex: 'male' }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
    });
    const due = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const local = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}T${String(due.getHours()).padStart(2, '0')}:00`;
    await api(app, 'tasks.add', { caseId: created.id, title: 'Anneyi ara', dueAt: local });
    await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}?tab=tasks`);

    const completeButton = app.getByRole('button', { name: text.tasks.completeOf.replace('{{title}}', 'Anneyi ara') });
    await completeButton.click();
    const dialog = app.getByRole('dialog', { name: text.tasks.completeTitle });
    await expect(dialog.getByRole('textbox', { name: text.tasks.outcome })).toBeFocused();
    await dialog.getByRole('button', { name: text.tasks.complete }).click();
    await expect(dialog.getByText(text.tasks.outcomeRequired)).toBeVisible();
    await dialog.getByRole('textbox', { name: text.tasks.outcome }).fill('Anneye ulaşıldı; perşembe ev ziyareti.');
    await expect(dialog.getByText(text.tasks.outcomeRequired)).toHaveCount(0);
    await app.screenshot({ path: `screenshots/task-outcome-${language}.png` });
    await dialog.getByRole('button', { name: text.tasks.complete }).click();

    // The toast offers Undo (focused, counting down); undo puts the task back.
    const undo = app.locator('.toast').getByRole('button', { name: new RegExp(`^${text.toast.undo.replace(' ({{seconds}})', '')}`) });
    await expect(undo).toBeFocused();
    await expect(app.locator('.toast')).toContainText(text.tasks.completedToast.replace('{{title}}', 'Anneyi ara'));
    await app.screenshot({ path: `screenshots/task-undo-toast-${language}.png` });
    await app.keyboard.press('Enter');
    await expect(completeButton).toBeVisible();
    await expect(app.locator('.toast')).toHaveCount(0);

    // Completed again and left alone: the toast goes after 10 seconds; the outcome is in the done list.
    await completeButton.click();
    await dialog.getByRole('textbox', { name: text.tasks.outcome }).fill('Anneye ulaşıldı.');
    await dialog.getByRole('button', { name: text.tasks.complete }).click();
    await expect(app.locator('.toast')).toBeVisible();
    await expect(app.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
    await app.getByText(text.tasks.doneCount_one.replace('{{count}}', '1')).click();
    await expect(app.getByText(text.tasks.outcomeShown.replace('{{outcome}}', 'Anneye ulaşıldı.'))).toBeVisible();
    const tasks = await api<{ tasks: Array<{ title: string; outcome: string | null; doneAt: string | null }> }>(app, 'cases.get', { caseId: created.id });
    expect(tasks.tasks.find((x) => x.title === 'Anneyi ara')).toMatchObject({ outcome: 'Anneye ulaşıldı.', doneAt: expect.any(String) });
  });
}
