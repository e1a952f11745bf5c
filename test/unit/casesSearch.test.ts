/**
 * Search and lists (issue 6): Turkish folding (ozturk / ÖZTÜRK / Öztürk,
 * İ/ı), ranking, Turkish sort order, filters and paging, and the query plans
 * of the hot queries (an index or FTS is used, cases and notes are never
 * scanned whole), with and without the planner's statistics.
 */
import { describe, expect, it } from 'vitest';
import type { CaseList, SearchHit } from '../../shared/api/schemas/cases';
import { collator } from '../../shared/text/turkish';
import { actorOf } from '../../electron/core/cases/access';
import { caseListSql } from '../../electron/core/cases/casesRepo';
import { dashboardBounds } from '../../electron/core/cases/dates';
import { ftsQuery, queryTokens, searchSql } from '../../electron/core/cases/searchRepo';
import { dashboardSql, summaryRows, type SummaryRow } from '../../electron/core/cases/tasksRepo';
import { editNote, insertNote } from '../../electron/core/cases/notesRepo';
import { m025ScaleIndexes } from '../../electron/core/db/migrations/m025ScaleIndexes';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { generateDemo } from '../../electron/core/demo/generate';
import { CaseListInput } from '../../shared/api/schemas/cases';
import type { Db } from '../../electron/core/db/open';
import type { Session } from '../../electron/core/session';
import { childCase, intake, newCase, office } from '../fixtures/cases';
import { ADMIN, createdVault } from '../fixtures/vaults';

type Created = { id: number; caseNumber: string };
const hitsOf = async (o: Awaited<ReturnType<typeof office>>, client: Parameters<typeof o.ok>[0], q: string) => (await o.ok<{ hits: SearchHit[] }>(client, 'cases.search', { q })).hits;

describe('search: one box, Turkish-aware, ranked', () => {
  it('folds Turkish letters in the index and the query alike', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a = await o.ok<Created>(ayse, 'cases.create', newCase());
    const b = await o.ok<Created>(ayse, 'cases.create', childCase('Işıl', 'Işık'));
    const c = await o.ok<Created>(ayse, 'cases.create', childCase('İpek', 'İnce'));
    for (const q of ['ozturk', 'ÖZTÜRK', 'Öztürk', 'öztürk', 'OZTURK']) {
      const hits = await hitsOf(o, ayse, q);
      expect(hits[0], q).toMatchObject({ match: 'name', caseId: a.id, person: { lastName: 'Öztürk', role: 'child' } });
      expect(hits.filter((h) => h.match === 'name').map((h) => h.person!.firstName).sort(), q).toEqual(['Ayşe', 'Fatma', 'Hasan', 'İsmail']);
    }
    expect((await hitsOf(o, ayse, 'AYŞE oz'))[0]).toMatchObject({ person: { firstName: 'Ayşe', lastName: 'Öztürk' } });
    for (const q of ['isik', 'IŞIK', 'ışık', 'işik', 'Işık', 'ISIL']) expect((await hitsOf(o, ayse, q))[0], q).toMatchObject({ caseId: b.id, person: { lastName: 'Işık' } });
    for (const q of ['ince', 'İNCE', 'ınce', 'INCE', 'ipek']) expect((await hitsOf(o, ayse, q))[0], q).toMatchObject({ caseId: c.id, person: { firstName: 'İpek' } });
    for (const q of ['ismail', 'İSMAİL', 'ISMAIL', 'ısmaıl']) expect((await hitsOf(o, ayse, q))[0], q).toMatchObject({ person: { firstName: 'İsmail' } });
    expect(await hitsOf(o, ayse, '   ')).toEqual([]);
    expect(await hitsOf(o, ayse, '"*()')).toEqual([]);
    expect(await hitsOf(o, ayse, 'AND OR NOT')).toEqual([]);
  });

  it('finds case numbers, identity numbers, households and note text; exact numbers first, names before notes', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a = await o.ok<Created>(ayse, 'cases.create', newCase());
    const b = await o.ok<Created>(ayse, 'cases.create', childCase('Kerem', 'Şahin', { household: { name: 'Şahin ailesi', address: 'Gül Sok. No: 3', district: 'Bağcılar' } }));
    await o.ok(ayse, 'notes.add', { caseId: b.id, type: 'phone_call', occurredAt: '2026-06-10T10:00', body: 'Komşu Hasan Öztürk aradı; çocuğun geceleri sokakta olduğunu söyledi.' });

    expect((await hitsOf(o, ayse, '2026/0001'))[0]).toMatchObject({ match: 'caseNumber', caseId: a.id, caseNumber: '2026/0001', person: { firstName: 'Ayşe' } });
    expect((await hitsOf(o, ayse, '2026/2'))[0]).toMatchObject({ match: 'caseNumber', caseId: b.id });
    expect((await hitsOf(o, ayse, '2026/')).map((h) => h.caseNumber).slice(0, 2)).toEqual(['2026/0002', '2026/0001']);
    expect((await hitsOf(o, ayse, '100 000 001 46'))[0]).toMatchObject({ match: 'idNumber', caseId: a.id, person: { firstName: 'Ayşe' } });
    expect((await hitsOf(o, ayse, '1000000'))[0]).toMatchObject({ match: 'idNumber' });
    expect((await hitsOf(o, ayse, 'bagcilar'))[0]).toMatchObject({ match: 'household', caseId: b.id, householdName: 'Şahin ailesi' });
    const notes = await hitsOf(o, ayse, 'SOKAKTA');
    expect(notes).toEqual([expect.objectContaining({ match: 'note', caseId: b.id, snippet: expect.stringContaining('sokakta') })]);

    // "Öztürk": the family's people (children first), then the household, then the note that names a neighbour.
    const ranked = await hitsOf(o, ayse, 'öztürk');
    expect(ranked.map((h) => h.match)).toEqual(['name', 'name', 'name', 'name', 'household', 'note']);
    expect(ranked.slice(0, 2).map((h) => h.person?.role)).toEqual(['child', 'child']);
    expect(ranked[5]).toMatchObject({ caseId: b.id });
    expect(ranked.map((h) => h.score)).toEqual([...ranked.map((h) => h.score)].sort((x, y) => y - x));
  });

  it('reads whole-word note hits page after page before matching a word typed so far (issue 16)', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const older = await o.ok<Created>(ayse, 'cases.create', childCase('Deniz', 'Kara'));
    const busy = await o.ok<Created>(ayse, 'cases.create', childCase('Elif', 'Akın'));
    const newest = await o.ok<Created>(ayse, 'cases.create', childCase('Can', 'Suna'));
    const db = o.db();
    const actor = ayse.session!.userId;
    const at = '2026-06-10T10:00:00.000Z';
    const note = (caseId: number, body: string) =>
      insertNote(db, caseId, { type: 'phone_call', occurredAt: at, body, present: { people: [], users: [], others: null }, visitRefused: false }, actor, at);
    db.transaction(() => {
      note(older.id, 'Rehber öğretmen aradı.');
      // More whole-word notes in one case than one page of note hits (3 × 30).
      for (let i = 0; i < 100; i += 1) note(busy.id, `Rehber öğretmen ile ${i + 1}. görüşme yapıldı.`);
      note(newest.id, 'Rehber öğretmenle görüşüldü.'); // the newest, only as a word typed so far
    })();
    const hits = (await hitsOf(o, ayse, 'rehber öğretmen')).filter((h) => h.match === 'note');
    // Whole words first, the older case too (a second page), then the prefix-only note.
    expect(hits.map((h) => h.caseId)).toEqual([busy.id, older.id, newest.id]);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((x, y) => y - x));
  });

  it('expands a word typed so far to the words of the note index (note_terms), kept on add and edit, as the FTS prefix query would', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a = await o.ok<Created>(ayse, 'cases.create', childCase('Deniz', 'Kara'));
    const b = await o.ok<Created>(ayse, 'cases.create', childCase('Elif', 'Akın'));
    const db = o.db();
    const actor = ayse.session!.userId;
    const at = '2026-06-10T10:00:00.000Z';
    const content = (body: string) => ({ type: 'phone_call' as const, occurredAt: at, body, present: { people: [], users: [], others: null }, visitRefused: false });
    const first = insertNote(db, a.id, content('Rehber öğretmenle görüşüldü.'), actor, at);
    insertNote(db, b.id, content('Okul müdürü aradı.'), actor, at);
    const terms = () => (db.prepare('SELECT term FROM note_terms ORDER BY term').all() as Array<{ term: string }>).map((r) => r.term);
    expect(terms()).toEqual(expect.arrayContaining(['rehber', 'ogretmenle', 'gorusuldu', 'okul', 'muduru', 'aradi']));
    const noteCases = async (q: string) => (await hitsOf(o, ayse, q)).filter((h) => h.match === 'note').map((h) => h.caseId);
    expect(await noteCases('rehber öğretm')).toEqual([a.id]);
    expect(await noteCases('öğretm')).toEqual([a.id]);
    expect(await noteCases('müdü')).toEqual([b.id]);
    expect(await noteCases('zzzz')).toEqual([]);
    // An edit's new words are searchable as words typed so far too.
    editNote(db, first, 1, content('Psikolojik danışmanla görüşüldü.'), actor, at);
    expect(terms()).toContain('danismanla');
    expect(await noteCases('danışm')).toEqual([a.id]);
    expect(await noteCases('öğretm')).toEqual([]); // the old words left the index with the old text
  });

  it('migration 25 fills note_terms from the note index of an existing vault', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a = await o.ok<Created>(ayse, 'cases.create', childCase('Deniz', 'Kara'));
    const db = o.db();
    const at = '2026-06-10T10:00:00.000Z';
    insertNote(db, a.id, { type: 'phone_call', occurredAt: at, body: 'Rehber öğretmenle görüşüldü.', present: { people: [], users: [], others: null }, visitRefused: false }, ayse.session!.userId, at);
    db.exec('DROP TABLE note_terms; DROP INDEX tasks_open_rank_due;');
    db.transaction(() => m025ScaleIndexes.up(db))();
    expect((db.prepare('SELECT term FROM note_terms ORDER BY term').all() as Array<{ term: string }>).map((r) => r.term)).toEqual(['gorusuldu', 'ogretmenle', 'rehber']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tasks_open_rank_due'").get()).toEqual({ name: 'tasks_open_rank_due' });
  });
});

describe('case list', () => {
  it('sorts child names in Turkish alphabetical order (c < ç, ı < i, o < ö, s < ş, u < ü)', async () => {
    const o = await office();
    const derya = await o.as('derya');
    const names = [
      ['Ayşe', 'Çelik'], ['Cem', 'Cengiz'], ['Ali', 'Ceylan'], ['Işıl', 'Işık'], ['İpek', 'İnce'], ['Ilgaz', 'Irmak'], ['Deniz', 'Öztürk'],
      ['Efe', 'Oral'], ['Şule', 'Şahin'], ['Sude', 'Sarı'], ['Ümit', 'Üstün'], ['Umut', 'Uçar'], ['Zehra', 'Zorlu'], ['Aras', 'Ağca'], ['Can', 'Aydın'],
      ['Ömer', 'Çelik'], ['Gül', 'Güneş'], ['Göktuğ', 'Gündoğdu'], ['Ceren', 'İnce'],
    ] as const;
    for (const [first, last] of names) await o.ok(derya, 'cases.create', childCase(first, last));
    const list = await o.ok<CaseList>(derya, 'cases.list', { sort: 'childName', direction: 'asc', limit: 100 });
    const got = list.rows.map((r) => `${r.child!.lastName} ${r.child!.firstName}`);
    const expected = names.map(([f, l]) => `${l} ${f}`).sort(collator().compare);
    expect(got).toEqual(expected);
    expect(got.slice(0, 4)).toEqual(['Ağca Aras', 'Aydın Can', 'Cengiz Cem', 'Ceylan Ali']);
    const desc = await o.ok<CaseList>(derya, 'cases.list', { sort: 'childName', direction: 'desc', limit: 100 });
    expect(desc.rows.map((r) => `${r.child!.lastName} ${r.child!.firstName}`)).toEqual([...expected].reverse());
  });

  it('filters by status, priority, caseworker, concern, flag and dates, counts the total and pages', async () => {
    const o = await office();
    let ayse = await o.as('ayse');
    const ids: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const day = String(i + 1).padStart(2, '0');
      const c = await o.ok<Created>(ayse, 'cases.create', childCase(`Çocuk${i}`, 'Kaya', { intake: intake({ receivedAt: `2026-05-${day}T10:00`, concerns: [i % 3 === 0 ? 'sexual_abuse' : 'emotional_neglect'] }) }));
      ids.push(c.id);
    }
    for (const id of ids.slice(0, 4)) await o.ok(ayse, 'cases.transition', { caseId: id, to: 'assessment' });
    const mehmet = await o.as('mehmet');
    await o.ok(mehmet, 'cases.create', childCase('Kerem', 'Şahin'));
    // Priorities come from the risk tool (issue 5); set them as it will.
    const { setCasePriority } = await import('../../electron/core/cases/casesRepo');
    setCasePriority(o.db(), ids[0]!, 'urgent', new Date().toISOString());
    setCasePriority(o.db(), ids[1]!, 'high', new Date().toISOString());

    const derya = await o.as('derya');
    const list = (input: Record<string, unknown>) => o.ok<CaseList>(derya, 'cases.list', input);
    expect((await list({})).total).toBe(13);
    expect((await list({ status: ['assessment'] })).total).toBe(4);
    expect((await list({ status: ['intake', 'assessment'] })).total).toBe(13);
    expect((await list({ priority: ['urgent', 'high'] })).rows.map((r) => r.priority)).toEqual(['high', 'urgent']);
    expect((await list({ priority: ['urgent', 'high'], sort: 'priority' })).rows.map((r) => r.priority)).toEqual(['urgent', 'high']);
    expect((await list({ priority: ['unset'] })).total).toBe(11);
    expect((await list({ caseworkerId: o.ids.mehmet })).rows.map((r) => r.child?.firstName)).toEqual(['Kerem']);
    expect((await list({ concern: 'sexual_abuse' })).total).toBe(4);
    expect((await list({ from: '2026-05-03', to: '2026-05-05' })).total).toBe(3);
    const page1 = await list({ sort: 'caseNumber', direction: 'asc', limit: 5 });
    const page3 = await list({ sort: 'caseNumber', direction: 'asc', limit: 5, offset: 10 });
    expect(page1).toMatchObject({ total: 13, offset: 0 });
    expect(page1.rows.map((r) => r.caseNumber)).toEqual(['2026/0001', '2026/0002', '2026/0003', '2026/0004', '2026/0005']);
    expect(page3.rows.map((r) => r.caseNumber)).toEqual(['2026/0011', '2026/0012', '2026/0013']);
    expect((await list({ sort: 'intakeDate' })).rows[0]!.caseNumber).toBe('2026/0013');
    ayse = await o.as('ayse');
    expect((await o.ok<CaseList>(ayse, 'cases.list', {})).total).toBe(12);
  });
});

// --- query plans ------------------------------------------------------------------------------

function plan(db: Db, sql: string, params: Record<string, unknown>): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
}
/** A bare SCAN of a table (no index) — a full read of cases, notes, people or tasks. */
function fullScans(lines: string[]): string[] {
  // A sub-select's own result (CO-ROUTINE x … SCAN x) is a handful of rows, not a table.
  const coroutines = new Set(lines.filter((l) => l.startsWith('CO-ROUTINE ')).map((l) => l.slice('CO-ROUTINE '.length)));
  return lines.filter((l) => /^SCAN \w+$/.test(l) && !coroutines.has(l.slice('SCAN '.length)));
}

const supervisor = (id: string): Session => ({ userId: id, username: 's', displayName: 's', roles: ['supervisor'], epoch: 0 });
const caseworker = (id: string): Session => ({ userId: id, username: 'c', displayName: 'c', roles: ['caseworker'], epoch: 0 });

async function plansFor(db: Db, userIds: { sup: string; cw: string }) {
  const out: Array<[string, string[]]> = [];
  const listInputs: Array<Record<string, unknown>> = [
    {},
    { status: ['implementation', 'follow_up'] },
    { status: ['closed'], sort: 'childName', direction: 'asc' },
    { priority: ['urgent', 'high'], sort: 'priority' },
    { caseworkerId: userIds.cw, status: ['assessment'] },
    { concern: 'sexual_abuse', sort: 'caseNumber' },
    { from: '2024-01-01', to: '2024-12-31', sort: 'intakeDate' },
    { flagged: true },
    { status: ['intake'], priority: ['unset'], concern: 'domestic_violence', from: '2025-01-01', sort: 'childName' },
  ];
  for (const session of [supervisor(userIds.sup), caseworker(userIds.cw)]) {
    const actor = actorOf(session);
    for (const input of listInputs) {
      const sql = caseListSql(CaseListInput.parse(input), actor);
      out.push([`list ${session.roles[0]} ${JSON.stringify(input)}`, plan(db, sql.page, sql.params)]);
      out.push([`count ${session.roles[0]} ${JSON.stringify(input)}`, plan(db, sql.count, sql.countParams)]);
    }
    const s = searchSql(actor);
    const viewer = actor.readAll ? {} : { viewer: actor.userId };
    const match = ftsQuery(queryTokens('ayşe öztürk'));
    out.push([`search children ${session.roles[0]}`, plan(db, s.children, { match, limit: 30, ...viewer })]);
    out.push([`search others ${session.roles[0]}`, plan(db, s.others, { match, limit: 30, ...viewer })]);
    out.push([`search households ${session.roles[0]}`, plan(db, s.households, { match, limit: 30, ...viewer })]);
    out.push([`search notes ${session.roles[0]}`, plan(db, s.notes, { match, limit: 30, ...viewer })]);
    out.push([`search notes before ${session.roles[0]}`, plan(db, s.notesBefore, { match, before: 1000, limit: 30, ...viewer })]);
    out.push([`search case number ${session.roles[0]}`, plan(db, s.caseNumber, { lo: '2026/', hi: '20260', limit: 30, ...viewer })]);
    out.push([`search id number ${session.roles[0]}`, plan(db, s.idNumber, { lo: '1234', hi: '1234\u{10FFFF}', limit: 30, ...viewer })]);
  }
  const bounds = dashboardBounds(new Date());
  for (const assignee of [userIds.cw, null]) {
    const d = dashboardSql({ assignee });
    const p = { ...bounds, ...(assignee ? { assignee } : {}) };
    out.push([`dashboard summary ${assignee ? 'mine' : 'all'}`, plan(db, d.summary, p)]);
    out.push([`dashboard items ${assignee ? 'mine' : 'all'}`, plan(db, d.items, { ...p, from: '', to: bounds.now, limit: 100 })]);
    out.push([`dashboard cell ${assignee ? 'mine' : 'all'}`, plan(db, d.cell, { ...bounds, user: assignee, rank: 2 })]);
  }
  const d = dashboardSql({ assignee: null });
  out.push(['dashboard active cases', plan(db, d.activeCases, {})]);
  return out;
}

describe('dashboard counts', () => {
  it('counts each (assignee, priority) cell by ranges exactly as one grouped pass does, for everyone and for one caseworker', async () => {
    const { vault } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const db = vault.database;
    const staff = await ensureDemoStaff(vault, 300, null);
    generateDemo(db, { cases: 300, seed: 5, now: new Date('2026-06-15T09:00:00Z'), staff });
    // An unassigned open task and a task of the supervisor: cells beyond the caseworkers.
    const caseId = (db.prepare('SELECT min(id) AS id FROM cases').get() as { id: number }).id;
    const insert = db.prepare(
      "INSERT INTO tasks (case_id, kind, source, title, due_at, priority, priority_rank, assignee_user_id, created_at, created_by) VALUES (?, 'manual', 'manual', 'x', ?, NULL, 5, ?, ?, ?)",
    );
    const bounds = dashboardBounds(new Date('2026-06-15T09:00:00Z'));
    // Due later today on this machine's calendar, whatever its zone (at UTC+14 09:00Z is already 23:00).
    const laterToday = new Date((Date.parse(bounds.now) + Date.parse(bounds.todayEnd)) / 2).toISOString();
    insert.run(caseId, laterToday, null, '2026-06-01T00:00:00.000Z', staff.supervisors[0]!);
    insert.run(caseId, '2026-06-01T10:00:00.000Z', staff.supervisors[0]!, '2026-06-01T00:00:00.000Z', staff.supervisors[0]!);
    const key = (r: SummaryRow) => `${r.user ?? '-'}/${r.rank}`;
    const sorted = (rows: SummaryRow[]) => [...rows].map((r) => ({ ...r })).sort((a, b) => key(a).localeCompare(key(b)));
    for (const assignee of [null, staff.caseworkers[0]!, staff.supervisors[0]!]) {
      const grouped = db.prepare(dashboardSql({ assignee }).summary).all({ ...bounds, ...(assignee ? { assignee } : {}) }) as SummaryRow[];
      const cells = summaryRows(db, assignee, bounds);
      expect(grouped.length).toBeGreaterThan(0);
      expect(sorted(cells)).toEqual(sorted(grouped));
    }
    expect(summaryRows(db, null, bounds).some((r) => r.user === null && r.today === 1)).toBe(true);
    // The demo writes note_terms too: every word of the note index is there (a word typed so far finds it).
    db.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, notes_fts, 'row')");
    expect((db.prepare('SELECT count(*) AS n FROM temp.vocab').get() as { n: number }).n).toBeGreaterThan(100);
    expect(db.prepare('SELECT term FROM temp.vocab EXCEPT SELECT term FROM note_terms').all()).toEqual([]);
    vault.lock('shutdown');
  });
});

describe('query plans of the hot queries', () => {
  it('use indexes and FTS, never a full scan, on a demo office with planner statistics and on a fresh one without', async () => {
    const { vault } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const db = vault.database;
    // A fresh vault (no sqlite_stat1): the planner's defaults.
    const fresh = await plansFor(db, { sup: 'x', cw: 'y' });
    const staff = await ensureDemoStaff(vault, 400, null);
    generateDemo(db, { cases: 400, seed: 3, now: new Date('2026-06-15T09:00:00Z'), staff }); // runs ANALYZE
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'cases'").get()).toEqual({ n: expect.any(Number) });
    const analysed = await plansFor(db, { sup: staff.supervisors[0]!, cw: staff.caseworkers[0]! });
    if (process.env.SHOW_PLANS) for (const [n, l] of analysed) console.log(n, '\n   ', l.join('\n    '));
    vault.lock('shutdown');

    for (const [name, lines] of [...fresh, ...analysed]) {
      expect(fullScans(lines), `${name}: ${lines.join(' | ')}`).toEqual([]);
      expect(lines.join(' '), name).toMatch(/USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)|VIRTUAL TABLE INDEX/);
    }
    const find = (name: string) => analysed.find(([n]) => n === name)![1].join(' | ');
    for (const name of ['search children supervisor', 'search children caseworker', 'search others supervisor', 'search households supervisor']) {
      expect(find(name)).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(find(name), name).not.toMatch(/TEMP B-TREE/); // newest first straight from the FTS index, stops at the limit
    }
    expect(find('search notes supervisor')).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
    expect(find('search notes supervisor')).toMatch(/SEARCH n USING INTEGER PRIMARY KEY/);
    expect(find('search notes supervisor')).not.toMatch(/TEMP B-TREE/); // newest first straight from the FTS index
    for (const role of ['supervisor', 'caseworker']) {
      expect(find(`search notes before ${role}`)).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(find(`search notes before ${role}`)).not.toMatch(/TEMP B-TREE/); // the next page: still newest first, from the bound
    }
    expect(find('search case number supervisor')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_cases_1/);
    expect(find('search id number supervisor')).toMatch(/USING (COVERING )?INDEX people_id_number/);
    expect(find('dashboard items mine')).toMatch(/tasks_open_assignee/);
    expect(find('dashboard summary all')).toMatch(/COVERING INDEX tasks_open_assignee_rank/);
    expect(find('dashboard summary all')).not.toMatch(/TEMP B-TREE/); // grouped in the index's order (migration 20)
    expect(find('dashboard summary mine')).toMatch(/COVERING INDEX tasks_open_assignee(_rank)? \(assignee_user_id=\?\)/);
    // Sorted and cut on a covering index (ids only); only the rows kept are read.
    expect(find('dashboard items mine')).toMatch(/^CO-ROUTINE k \| SEARCH t USING COVERING INDEX tasks_open_/);
    // Everyone's most urgent tasks: walked in (priority, due) order on migration 25's index, cut at the limit, never sorted.
    expect(find('dashboard items all')).toMatch(/^CO-ROUTINE k \| (SEARCH|SCAN) t USING COVERING INDEX tasks_open_rank_due/);
    expect(find('dashboard items all').split(' | SCAN k')[0]).not.toMatch(/TEMP B-TREE/);
    // Each (assignee, priority) cell: range counts on the covering index, no row read, no grouping.
    for (const name of ['dashboard cell all', 'dashboard cell mine']) {
      expect(find(name), name).toMatch(/COVERING INDEX tasks_open_assignee_rank \(assignee_user_id=\? AND priority_rank=\? AND due_at<\?\)/);
      expect(find(name), name).not.toMatch(/TEMP B-TREE/);
    }
    expect(find('dashboard active cases')).toMatch(/cases_open_responsible/);
    // A caseworker's first page: read in sort order, each row checked with one key seek; the count starts from their cases.
    // (The viewer's users: themselves and whom they cover today, a list computed once; one seek per (user, case).)
    expect(find('list caseworker {}')).toMatch(/SEARCH w USING (PRIMARY KEY \(case_id=\? AND user_id=\?\)|COVERING INDEX case_workers_user \(user_id=\? AND case_id=\?\))/);
    expect(find('list caseworker {}')).toMatch(/LIST SUBQUERY/);
    expect(find('list caseworker {}')).not.toMatch(/CORRELATED LIST SUBQUERY/);
    expect(find('count caseworker {}')).toMatch(/case_workers_user/);
    expect(find('list supervisor {"concern":"sexual_abuse","sort":"caseNumber"}')).toMatch(/SEARCH ic USING COVERING INDEX intake_concerns_concern \(concern_code=\? AND case_id=\?\)/);

  });
});
