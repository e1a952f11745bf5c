/**
 * Issue 14, item 9: every date field has React Aria's date picker, in the app's
 * locale (Turkish: dd.MM.yyyy, Turkish month and day names), weeks starting on Monday.
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { expect, test } from './fixtures';

for (const language of ['tr', 'en'] as const) {
  test(`a date is picked from the calendar, weeks start on Monday (${language})`, async ({ signedIn: app }) => {
    const text = language === 'tr' ? tr : en;
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    await app.locator('[data-nav="cases"]').click();
    const field = app.getByRole('group', { name: text.cases.filter.from, exact: true });
    // Typed: the day segment first in both locales (dd.MM.yyyy / dd/mm/yyyy).
    await field.getByRole('spinbutton').first().click();
    await app.keyboard.type('15032026');
    await app.getByRole('button', { name: text.datePicker.open.replace('{{label}}', text.cases.filter.from) }).click();
    const calendar = app.getByRole('dialog', { name: text.cases.filter.from });
    await expect(calendar.getByRole('heading')).toHaveText(language === 'tr' ? 'Mart 2026' : 'March 2026');
    const weekdays = await calendar.locator('.calendar-weekday').allInnerTexts();
    expect(weekdays[0]).toMatch(language === 'tr' ? /^Pzt/ : /^Mon/);
    expect(weekdays[6]).toMatch(language === 'tr' ? /^Paz/ : /^Sun/);
    // The selected day has the focus; arrow keys move by day, Enter picks.
    await expect(calendar.getByRole('button', { name: /15/ }).first()).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('ArrowDown');
    await app.screenshot({ path: `screenshots/date-picker-${language}.png` });
    await app.keyboard.press('Enter');
    await expect(calendar).toHaveCount(0);
    const segments = await field.getByRole('spinbutton').allInnerTexts();
    expect(segments).toEqual(['23', '03', '2026']);
  });
}
