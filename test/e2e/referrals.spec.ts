import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** A day in the browser's time zone (playwright.config.ts: TZ, else Europe/Istanbul), `offset` days from today, as ddmmyyyy for typing into a date field. */
function dayTyped(offset = 0): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: process.env.TZ ?? 'Europe/Istanbul', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(Date.now() + offset * 86_400_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}${get('month')}${get('year')}`;
}

async function typeDate(scope: Page | Locator, page: Page, label: string, ddmmyyyy: string) {
  const group = scope.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await page.keyboard.type(ddmmyyyy);
}

/** React Aria checkboxes and radios hide the native input: click the visible label, as a user does. */
async function tick(scope: Page | Locator, name: string) {
  await scope.locator('label').filter({ hasText: name }).first().click();
}

async function pick(scope: Page | Locator, page: Page, label: string, option: string) {
  await scope.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const t = (text: string, params: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');

test('a referral is prepared, refused without consent, sent, answered and tracked; a hearing and an order go on the court tab', async ({ signedIn: app }) => {
  test.slow();
  const kase = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Öztürk', city: 'İstanbul', district: 'Beyoğlu' },
    members: [
      { person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Ayten', lastName: 'Öztürk', birthYear: 1988, sex: 'female' }, role: 'caregiver', relationship: 'mother', offending: false, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni çocuğun kolunda morluklar gördü.' },
  });

  // The case file's referrals tab, empty at first: it says what to do.
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: kase.caseNumber }).click();
  await app.getByRole('tab', { name: tr.cases.tabs.referrals }).click();
  await expect(app.getByText(tr.referrals.emptyCase)).toBeVisible();

  // A draft: person, institution picked by typing without Turkish letters, service, reason, what to share — no consent yet.
  await app.getByRole('button', { name: tr.referrals.new }).first().click();
  const form = app.getByRole('dialog');
  // The person picker narrows as you type, Turkish-folded ("elif ozt" finds "Elif Öztürk").
  const person = form.getByRole('combobox', { name: tr.referrals.form.person });
  await person.fill('elif ozt');
  await expect(app.getByRole('option')).toHaveCount(1);
  await app.getByRole('option', { name: 'Elif Öztürk (Çocuk)', exact: true }).click();
  await expect(person).toHaveValue('Elif Öztürk (Çocuk)');
  await form.getByRole('combobox', { name: tr.referrals.form.institution }).fill('psikolojik danisma');
  await app.getByRole('option', { name: /İBB Psikolojik Danışma Merkezi/ }).click();
  await tick(form, 'Bireysel danışmanlık');
  await tick(form, tr.referrals.urgency.priority);
  await form.getByLabel(tr.referrals.form.reason).fill('Elif evde şiddete tanıklık ediyor; bireysel psikolojik destek istiyoruz.');
  await tick(form, tr.referrals.section.identity);
  await tick(form, tr.referrals.section.concerns);
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/referral-form-tr.png' });
  await form.getByRole('button', { name: tr.referrals.form.saveDraft }).click();
  await expect(form).toBeHidden();

  const card = app.locator('li.referral').filter({ hasText: 'İBB Psikolojik Danışma Merkezi' });
  await expect(card.locator('.referral-state')).toHaveText(tr.referrals.state.draft);
  await expect(card).toContainText(tr.referrals.detail.noConsent);

  // Sending without consent is refused with the message, and the referral stays a draft.
  await card.getByRole('button', { name: tr.referrals.action.send, exact: true }).click();
  let dialog = app.getByRole('dialog');
  await dialog.getByRole('button', { name: tr.referrals.action.send, exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(tr.errors.referrals.consentRequired);
  await dialog.getByRole('button', { name: tr.common.cancel }).click();
  await expect(card.locator('.referral-state')).toHaveText(tr.referrals.state.draft);

  // Record the consent: the mother, in writing, today.
  await card.getByRole('button', { name: tr.referrals.editDraft }).click();
  const edit = app.getByRole('dialog');
  const consentBy = edit.getByRole('combobox', { name: tr.referrals.form.consentBy });
  await consentBy.click();
  await app.keyboard.type('AYTEN OZTURK');
  await expect(app.getByRole('option')).toHaveCount(1);
  await app.getByRole('option', { name: 'Ayten Öztürk (Bakım veren)', exact: true }).click();
  await expect(consentBy).toHaveValue('Ayten Öztürk (Bakım veren)');
  await pick(edit, app, tr.referrals.form.consentMethod, tr.referrals.consentMethod.written);
  await typeDate(edit, app, tr.referrals.form.consentOn, dayTyped());
  await edit.getByRole('button', { name: tr.referrals.form.saveDraft }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText('Ayten Öztürk · Yazılı');

  // Send: a reply day is set and a "reply expected" task opens.
  await card.getByRole('button', { name: tr.referrals.action.send, exact: true }).click();
  dialog = app.getByRole('dialog');
  await dialog.getByRole('button', { name: tr.referrals.action.send, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(card.locator('.referral-state')).toHaveText(tr.referrals.state.sent);
  await expect(card).toContainText('yanıt için son gün');
  await expect(app.getByRole('tab', { name: new RegExp(tr.cases.tabs.tasks) })).toContainText('(1)');

  // The reply slip: received and the service started today.
  await card.getByRole('button', { name: tr.referrals.action.reply }).click();
  dialog = app.getByRole('dialog');
  await typeDate(dialog, app, tr.referrals.reply.serviceStartedOn, dayTyped());
  await dialog.getByLabel(tr.referrals.reply.contactPerson).fill('Psk. Deniz Arslan');
  await dialog.getByLabel(tr.referrals.reply.outcome).fill('Haftalık bireysel seanslar planlandı.');
  await dialog.getByRole('button', { name: tr.referrals.action.reply }).click();
  await expect(dialog).toBeHidden();
  await expect(card.locator('.referral-state')).toHaveText(tr.referrals.state.service_started);
  await expect(card).toContainText('Psk. Deniz Arslan');

  // The state history, each step dated.
  const history = card.getByRole('list', { name: tr.referrals.history.title });
  await expect(history.getByRole('listitem')).toHaveCount(4);
  for (const state of ['draft', 'sent', 'acknowledged', 'service_started'] as const) await expect(history).toContainText(tr.referrals.state[state]);
  const [referral] = await api<Array<{ state: string; history: Array<{ to: string; on: string }> }>>(app, 'referrals.listForCase', { caseId: kase.id });
  expect(referral!.history.map((h) => h.to)).toEqual(['draft', 'sent', 'acknowledged', 'service_started']);
  expect(await axe(app)).toEqual([]);
  await card.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'screenshots/referral-tr.png' });

  // The referrals area lists it; the directory is searchable.
  await app.locator('[data-nav="referrals"]').click();
  await expect(app.getByRole('heading', { level: 1, name: tr.pages.referrals.title })).toBeVisible();
  await expect(app.getByRole('row').filter({ hasText: kase.caseNumber })).toContainText(tr.referrals.state.service_started);
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/referrals-list-tr.png' });
  await app.getByRole('tab', { name: tr.referrals.tabs.directory }).click();
  await app.getByRole('searchbox', { name: tr.referrals.directory.search }).fill('isadem');
  await expect(app.getByRole('row').filter({ hasText: 'İSADEM' }).first()).toBeVisible();
  await expect(app.getByText(t(tr.referrals.directory.count_one, { count: '1' }))).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.getByRole('searchbox', { name: tr.referrals.directory.search }).fill('');
  await app.screenshot({ path: 'screenshots/directory-tr.png' });

  // In English: the court tab of the case.
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: kase.caseNumber }).click();
  await app.getByRole('tab', { name: en.cases.tabs.court }).click();
  await expect(app.getByText(en.court.hearing.emptyCase)).toBeVisible();

  await app.getByRole('button', { name: en.court.hearing.add }).click();
  dialog = app.getByRole('dialog');
  await dialog.getByRole('combobox', { name: en.court.hearing.court }).fill('anadolu cocuk');
  await app.getByRole('option', { name: /İstanbul Anadolu Çocuk Mahkemesi/ }).click();
  await dialog.getByLabel(en.court.hearing.fileNumber).fill('2026/145 E.');
  await typeDate(dialog, app, en.court.hearing.day, dayTyped(10));
  await dialog.getByLabel(en.court.hearing.time).fill('10:30');
  await dialog.getByLabel(en.court.hearing.judge).fill('Hâkim Selim Aydın');
  await dialog.getByLabel(en.court.hearing.toBring).fill('Social examination report; school attendance certificate.');
  await dialog.getByRole('button', { name: en.common.save }).click();
  await expect(dialog).toBeHidden();
  const hearing = app.locator('li.court-item').filter({ hasText: 'İstanbul Anadolu Çocuk Mahkemesi' });
  await expect(hearing).toContainText('2026/145 E.');
  await expect(hearing).toContainText(en.court.hearingStatus.scheduled);

  await app.getByRole('button', { name: en.court.order.add }).click();
  dialog = app.getByRole('dialog');
  await pick(dialog, app, en.court.order.kind, en.court.orderKind.psychological_counselling_family);
  await dialog.getByLabel(en.court.order.description).fill('Family counselling for six months.');
  await typeDate(dialog, app, en.court.order.dueOn, dayTyped(30));
  await dialog.getByRole('button', { name: en.common.save }).click();
  await expect(dialog).toBeHidden();
  const order = app.locator('li.court-item').filter({ hasText: en.court.orderKind.psychological_counselling_family });
  await expect(order).toContainText(en.court.compliance.pending);

  await order.getByRole('button', { name: t(en.court.order.updateComplianceOf, { kind: en.court.orderKind.psychological_counselling_family }) }).click();
  dialog = app.getByRole('dialog');
  await dialog.getByLabel(en.court.order.complianceNote).fill('First session held with both parents.');
  await dialog.getByRole('button', { name: en.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(order.locator('.status-badge')).toHaveText(en.court.compliance.in_progress);
  await expect(order.getByRole('list', { name: en.court.order.updates })).toContainText('First session held with both parents.');
  // Two hearing reminders, the order's due day and the referral's follow-up are on the case's tasks.
  await expect(app.getByRole('tab', { name: new RegExp(en.cases.tabs.tasks) })).toContainText('(3)');
  expect(await axe(app)).toEqual([]);
  await order.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'screenshots/court-en.png' });

  // The court area: the hearing is upcoming, the order awaits compliance.
  await app.locator('[data-nav="court"]').click();
  await expect(app.getByRole('heading', { level: 1, name: en.pages.court.title })).toBeVisible();
  await expect(app.getByRole('row').filter({ hasText: '2026/145 E.' })).toBeVisible();
  await expect(app.getByRole('row').filter({ hasText: en.court.orderKind.psychological_counselling_family })).toContainText(en.court.compliance.in_progress);
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/court-area-en.png' });

  // The hearing reminder is on the dashboard.
  await app.locator('[data-nav="dashboard"]').click();
  await expect(app.getByText(t(en.tasks.court.prepareHearing, { court: 'İstanbul Anadolu Çocuk Mahkemesi (Kartal Adliyesi)' }))).toBeVisible();
});

test('the referral form’s person pickers narrow as you type, Turkish-folded (en)', async ({ signedIn: app }) => {
  const kase = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Çelik', city: 'Ankara', district: 'Keçiören' },
    members: [
      { person: { firstName: 'Şükrü', lastName: 'Çelik', birthDate: '2013-02-11', sex: 'male' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Gülşen', lastName: 'Çelik', birthYear: 1985, sex: 'female' }, role: 'caregiver', relationship: 'mother', offending: false, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
  });
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: kase.caseNumber }).click();
  await app.getByRole('tab', { name: en.cases.tabs.referrals }).click();
  await app.getByRole('button', { name: en.referrals.new }).first().click();
  const form = app.getByRole('dialog');

  const person = form.getByRole('combobox', { name: en.referrals.form.person });
  await expect(person).toHaveValue(en.referrals.form.household);
  await person.fill('celik');
  await expect(app.getByRole('option')).toHaveCount(2);
  await person.fill('sukru cel');
  await expect(app.getByRole('option')).toHaveCount(1);
  await app.getByRole('option', { name: `Şükrü Çelik (${en.roles.member.child})`, exact: true }).click();
  await expect(person).toHaveValue(`Şükrü Çelik (${en.roles.member.child})`);

  const consentBy = form.getByRole('combobox', { name: en.referrals.form.consentBy });
  await consentBy.click();
  await app.keyboard.type('zzz');
  await expect(app.getByRole('option')).toHaveCount(0);
  await consentBy.fill('');
  await app.keyboard.type('gulsen');
  await app.getByRole('option', { name: `Gülşen Çelik (${en.roles.member.caregiver})`, exact: true }).click();
  await expect(consentBy).toHaveValue(`Gülşen Çelik (${en.roles.member.caregiver})`);
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/referral-form-pickers-en.png' });
});
