/**
 * Demo data: realistic, deterministic Turkish households and cases over the
 * last ten years, for screenshots, training and the benchmark. The same seed
 * gives the same office on every machine.
 *
 * Shape of the data (sources in brackets):
 * - concerns follow the shares seed 000 publishes (domestic violence 23 %,
 *   sexual abuse 13 %, emotional neglect 10 % …), read from the lookups table;
 * - intake channels are seed 000's lines and programmes plus the usual
 *   referrers; their weights below are ours (the seed gives none);
 * - each case walks intake → assessment → case plan → implementation →
 *   follow-up → closure with realistic durations, so old cases are closed and
 *   recent ones are open; about a quarter close after assessment (not
 *   confirmed, still supported: seed 004);
 * - families come back: a known household may be reported again (a new case
 *   linked to the same people), within a year that raises a repeated-report
 *   flag; some home visits are refused (flag) (seed 004);
 * - notes are several Turkish sentences, some with a second version.
 *
 * Speed: prepared statements from the repos, one transaction per chunk of
 * cases, FTS rows written alongside; about 60 statements per case. Into an
 * empty vault the bulk phase runs without fsync, WAL or foreign-key lookups,
 * with FTS5 merging deferred to one optimize and secondary indexes built
 * after the rows; every setting is restored after (issue 16). There, from
 * WORKER_MIN_CASES cases, the rows are made in a worker thread and this thread
 * only writes them (demoThread.ts): the same generator, so the same office.
 */
import type { NoteType, Priority } from '../../../shared/api/schemas/cases';
import { fold, isValidTcKimlik } from '../../../shared/text/turkish';
import { nextWorkingDay } from '../../../shared/time/holidays';
import { addDaysToDay, localDay, localMoment } from '../../../shared/time/localDays';
import { appendAudit } from '../audit/auditLog';
import { caseStatements, formatCaseNumber, memberParams, priorityRank, type NewMember } from '../cases/casesRepo';
import { flagStatements, REPEAT_WINDOW_DAYS } from '../cases/flags';
import { householdIndexRow, householdStatements } from '../cases/householdsRepo';
import { intakeStatements } from '../cases/intakesRepo';
import { indexTerms, noteStatements } from '../cases/notesRepo';
import { personParams, personSortKey, peopleStatements, type NameText, type PersonFields } from '../cases/peopleRepo';
import { planStatements } from '../cases/planRepo';
import { serviceStatements } from '../cases/servicesRepo';
import { taskStatements } from '../cases/tasksRepo';
import type { Db } from '../db/open';
import { DISABILITIES, DISTRICTS, FEMALE_NAMES, FOREIGN, MALE_NAMES, NEIGHBOURHOODS, REPORTER_RELATIONS, SCHOOL_NAMES, STREET_NAMES, SURNAMES } from './names';
import { addDemoAttachments } from './attachments';
import { isoInstant } from './isoTime';
import { Prng } from './prng';
import { caseRecords, recordLookups, recordStatements, type RecordCounts, type RecordLookups } from './records';
import { demoWorkerAvailable, writeInWorker } from './demoThread';
import {
  CLOSURE_REASONS,
  EDIT_ADDITIONS,
  INTAKE_FOLLOW_UPS,
  INTAKE_SUMMARIES,
  NOTE_SENTENCES,
  PLAN_GOALS,
  REFUSED_VISIT,
  SERVICE_NOTES,
} from './texts';

export interface DemoStaff {
  supervisors: string[];
  caseworkers: string[];
}

export interface DemoOptions {
  cases: number;
  seed: number;
  /** "Now" of the generated office (cases spread over the ten years before). */
  now: Date;
  staff: DemoStaff;
  /** Average notes per case (the benchmark uses 10: 100 000 cases → 1 000 000 notes). */
  notesPerCase?: number;
  /** Cases per transaction. */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  /** Time of each phase once it ends (rows, visits, indexes, search merge, attachments, statistics), for the benchmark. */
  onPhase?: (phase: string, ms: number) => void;
  /** Who ran it (audit). */
  actor?: { id: string; username: string } | null;
  /**
   * Make the rows in a worker thread (into an empty vault only; default from WORKER_MIN_CASES cases,
   * when running from source). The data is the same either way.
   */
  worker?: boolean;
}

export interface DemoResult {
  cases: number;
  assessments: number;
  referrals: number;
  hearings: number;
  orders: number;
  households: number;
  people: number;
  intakes: number;
  notes: number;
  noteVersions: number;
  services: number;
  tasks: number;
  openTasks: number;
  flags: number;
  /** Issue 17: generated files on a few open cases (demo/attachments.ts). */
  attachments: number;
  ms: number;
}

const DAY = 86_400_000;
/** Tables whose non-unique indexes are built after the rows when demo data goes into an empty vault. */
const DEFERRED_TABLES = [
  'households', 'people', 'cases', 'case_workers', 'case_status_history', 'case_members', 'intakes', 'intake_concerns', 'notes', 'note_versions', 'case_services',
  'plan_goals', 'plan_actions', 'tasks', 'case_flags', 'assessments', 'referrals', 'referral_history', 'court_hearings', 'court_orders', 'court_order_updates',
];
/** Indexes of DEFERRED_TABLES whose keys grow as the generator writes (case ids, intake dates): kept during the bulk phase. */
const APPENDED_INDEXES = new Set([
  'notes_case', 'case_status_history_case', 'intakes_case', 'intakes_received', 'cases_last_intake', 'tasks_case', 'case_services_case', 'plan_goals_case', 'plan_actions_goal',
  'plan_actions_case', 'case_flags_case', 'case_members_person',
]);
const YEARS = 10;
/** From this many cases the rows are made in a worker thread (its start costs about a second). */
export const WORKER_MIN_CASES = 2000;

const CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['unit_phone_line', 18], ['alo_153', 16], ['alo_183', 6], ['women_support_line', 4], ['sedep', 6], ['isadem', 4],
  ['womens_counselling_unit', 3], ['walk_in', 12], ['police', 7], ['school', 12], ['hospital', 5], ['court', 3], ['other_unit', 3], ['e_government', 1],
];

const SERVICES: ReadonlyArray<readonly [string, number]> = [
  ['case_follow_up', 25], ['individual_counselling', 20], ['social_examination', 15], ['developmental_assessment', 10], ['training', 8],
  ['psychoeducation', 8], ['psychotherapy', 5], ['family_counselling', 5], ['group_counselling', 2], ['legal_counselling', 2],
];

const NOTE_TYPES: ReadonlyArray<readonly [NoteType, number]> = [
  ['home_visit', 22], ['interview', 16], ['phone_call', 27], ['counselling_individual', 12], ['counselling_family', 6], ['counselling_group', 3],
  ['social_examination', 6], ['developmental_assessment', 4], ['court_hearing', 2], ['other', 2],
];

const ASSESSED: ReadonlyArray<readonly [Priority, number]> = [['urgent', 4], ['high', 18], ['medium', 42], ['low', 26], ['none', 10]];
const AT_CLOSURE: ReadonlyArray<readonly [Priority, number]> = [['none', 60], ['low', 30], ['medium', 10]];

interface Member {
  personId: number;
  role: NewMember['role'];
  relationship: NewMember['relationship'];
  offending: boolean | null;
  contact: NewMember['contactWithChild'];
  lives: boolean;
  first: string;
  last: string;
  birth: number; // ms
  approximate: boolean;
}

interface KnownFamily {
  householdId: number;
  district: string;
  children: Member[];
  adults: Member[];
  lastIntakeAt: number;
  closedAt: number | null;
  foreign: boolean;
}

/** toISOString, with the day part cached (isoTime.ts): a few million calls at 100 000 cases. */
const iso = isoInstant;
/** The local calendar day of an instant (never the UTC part of its ISO string). */
const day = (ms: number) => localDay(new Date(ms));

/** Valid TC kimlik (or, with prefix 99, YKN) numbers from a counter: unique for distinct counters. */
export function idNumberFor(counter: number, foreign: boolean): string {
  const body = foreign ? 990_000_000 + ((counter * 7919) % 10_000_000) : 100_000_000 + ((counter * 7919) % 880_000_000);
  const d = String(body).split('').map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = (d.reduce((a, b) => a + b, 0) + tenth) % 10;
  const id = `${body}${tenth}${eleventh}`;
  if (!isValidTcKimlik(id)) throw new Error('demo id generator');
  return id;
}

/** What the case generator reads from the vault before it starts (it never queries while writing). */
export interface DemoLookups {
  /** Active concerns with their seed shares. */
  concerns: Array<readonly [string, number]>;
  /** People already in the vault (their identity numbers must not be reused). */
  existingPeople: number;
  /** The highest case number sequence per year so far. */
  maxSeq: Record<number, number>;
  records: RecordLookups;
}

export function demoLookups(db: Db): DemoLookups {
  const concerns = (db.prepare("SELECT code, seed_share FROM lookups WHERE kind = 'concern' AND active = 1 AND seed_share IS NOT NULL").all() as Array<{ code: string; seed_share: number }>).map(
    (r) => [r.code, r.seed_share] as const,
  );
  const maxSeq: Record<number, number> = {};
  for (const r of db.prepare('SELECT case_year AS year, max(case_seq) AS m FROM cases GROUP BY case_year').all() as Array<{ year: number; m: number }>) maxSeq[r.year] = r.m;
  return { concerns, existingPeople: (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n, maxSeq, records: recordLookups(db) };
}

export const emptyResult = (): DemoResult => ({
  cases: 0, assessments: 0, referrals: 0, hearings: 0, orders: 0, households: 0, people: 0, intakes: 0, notes: 0, noteVersions: 0, services: 0, tasks: 0, openTasks: 0, flags: 0, attachments: 0, ms: 0,
});

export type CaseWriterOptions = Pick<DemoOptions, 'cases' | 'seed' | 'staff' | 'notesPerCase'> & { nowMs: number };

/**
 * The generator of case i (called for i = 0, 1, … in order: one random stream): writes its rows
 * through `db`'s prepared statements and counts them in `result`. `db` is the vault, or in the demo
 * worker a recorder that ships the rows to the vault's thread (demoWorker.ts).
 */
export function caseWriter(db: Db, lookups: DemoLookups, o: CaseWriterOptions, result: DemoResult): (i: number) => void {
  const rnd = new Prng(o.seed);
  const nowMs = o.nowMs;
  const startMs = nowMs - YEARS * 365.25 * DAY;
  const avgNotes = o.notesPerCase ?? 10;
  const staff = o.staff;
  if (staff.caseworkers.length === 0 || staff.supervisors.length === 0) throw new Error('demo needs a supervisor and caseworkers');
  const concerns = lookups.concerns;
  const st = {
    people: peopleStatements(db),
    households: householdStatements(db),
    cases: caseStatements(db),
    intakes: intakeStatements(db),
    notes: noteStatements(db),
    services: serviceStatements(db).insert,
    plan: planStatements(db),
    tasks: taskStatements(db).insert,
    flags: flagStatements(db).insert,
    idTaken: db.prepare('SELECT 1 FROM people WHERE id_number = ?'),
    records: recordStatements(db, lookups.records),
  };
  const disabledPeople = new Set<number>();
  const existingPeople = lookups.existingPeople;
  let idCounter = existingPeople + (o.seed % 100_000) * 1_009;
  const seqByYear = new Map<number, number>();
  const nextSeq = (year: number) => {
    let seq = seqByYear.get(year);
    if (seq === undefined) seq = lookups.maxSeq[year] ?? 0;
    seqByYear.set(year, seq + 1);
    return seq + 1;
  };

  const pool: KnownFamily[] = [];

  // Intake moments: increasing demand over the years (density 1 + x), sorted so numbers follow dates.
  const momentOf = (i: number): number => {
    const u = (i + rnd.next()) / o.cases;
    const x = -1 + Math.sqrt(1 + 3 * u); // inverse CDF of (1 + x) / 1.5 on [0, 1]
    return Math.min(nowMs - 3_600_000, startMs + x * (nowMs - startMs));
  };

  const newId = (foreign: boolean): string => {
    for (;;) {
      idCounter += 1;
      const id = idNumberFor(idCounter, foreign);
      if (existingPeople === 0 || !st.idTaken.get(id)) return id;
    }
  };

  const addPerson = (p: { first: string; last: string; birth: number; approximate: boolean; sex: 'female' | 'male'; foreign: keyof typeof FOREIGN | null; child: boolean; address: string | null; phone: string | null }, at: number): number => {
    const hasId = p.foreign ? rnd.chance(0.6) : rnd.chance(p.child ? 0.85 : 0.7);
    const idType = hasId ? (p.foreign ? 'foreign' : 'tc') : null;
    const birthDate = p.approximate ? null : day(p.birth);
    const ageYears = (at - p.birth) / (365.25 * DAY);
    const fields: PersonFields = {
      firstName: p.first,
      lastName: p.last,
      birthDate,
      birthYear: new Date(p.birth).getFullYear(),
      birthApproximate: p.approximate,
      sex: p.sex,
      nationality: p.foreign ?? 'TR',
      legalStatus: p.foreign ? FOREIGN[p.foreign].legal : 'citizen',
      idType,
      idNumber: idType ? newId(idType === 'foreign') : null,
      languages: p.foreign ? (p.child && ageYears > 6 ? [...FOREIGN[p.foreign].languages, 'tr'] : FOREIGN[p.foreign].languages) : ['tr'],
      school: p.child && ageYears >= 6 ? schoolFor(ageYears) : null,
      disability: p.child && rnd.chance(0.03) ? rnd.pick(DISABILITIES) : null,
      address: p.address,
      phone: p.phone,
    };
    const id = Number(st.people.insert.run(personParams(fields, null, iso(at), nameText)).lastInsertRowid);
    st.people.index.run(id, nameText.fold(`${fields.firstName} ${fields.lastName}`), fields.idNumber ?? '');
    if (fields.disability) disabledPeople.add(id);
    result.people += 1;
    return id;
  };

  const schoolFor = (age: number): string => {
    const name = rnd.pick(SCHOOL_NAMES);
    if (age < 10) return `${name} İlkokulu`;
    if (age < 14) return `${name} Ortaokulu`;
    return rnd.chance(0.6) ? `${name} Anadolu Lisesi` : `${name} Mesleki ve Teknik Anadolu Lisesi`;
  };

  const phone = () => `05${rnd.int(30, 55)} ${rnd.int(100, 999)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}`;

  // Names come from short lists: each folded and sort-keyed once (personIndexText folds "first last" too).
  const nameFolds = new Map<string, string>();
  const nameKeys = new Map<string, string>();
  const nameText: NameText = {
    fold: (text) => {
      let f = nameFolds.get(text);
      if (f === undefined) nameFolds.set(text, (f = fold(text)));
      return f;
    },
    sortKey: (first, last) => {
      const key = `${first}\u0000${last}`;
      let k = nameKeys.get(key);
      if (k === undefined) nameKeys.set(key, (k = personSortKey(first, last)));
      return k;
    },
  };
  const foldCache = new Map<string, string>();
  // The words of the note index (note_terms): the sentences' and the names' words, each written once.
  const terms = new Set<string>();
  const addTerms = (foldedText: string) => {
    for (const term of indexTerms(foldedText)) {
      if (terms.has(term)) continue;
      terms.add(term);
      st.notes.term.run(term);
    }
  };
  const folded = (text: string): string => {
    let f = foldCache.get(text);
    if (f === undefined) {
      f = fold(text);
      foldCache.set(text, f);
      addTerms(f.replace(/\{\w+\}/g, ' '));
    }
    return f;
  };
  // A text's {placeholders} replaced by the values: each text split once (a million notes, five sentences each).
  const templates = new Map<string, string[]>();
  const fill = (text: string, v: Record<string, string>) => {
    let parts = templates.get(text);
    if (parts === undefined) {
      parts = text.split(/\{(\w+)\}/);
      templates.set(text, parts);
    }
    let out = parts[0]!;
    for (let k = 1; k < parts.length; k += 2) out += (v[parts[k]!] ?? '') + parts[k + 1]!;
    return out;
  };

  const oneCase = (i: number) => {
    const t0 = momentOf(i);
    const concern1 = rnd.weighted(concerns);
    const caseConcerns = rnd.chance(0.25) ? [concern1, rnd.weighted(concerns)] : [concern1];
    const responsible = staff.caseworkers[Math.floor(rnd.next() * staff.caseworkers.length)]!;
    const supervisor = rnd.pick(staff.supervisors);

    // --- the family: a known one reported again, or a new one -----------------------------
    let family: KnownFamily | null = null;
    if (pool.length > 20 && rnd.chance(0.08)) {
      const candidate = pool[Math.floor(rnd.next() * pool.length)]!;
      const stillChildren = candidate.children.filter((c) => t0 - c.birth < 17.5 * 365.25 * DAY);
      if (candidate.closedAt !== null && candidate.closedAt < t0 && stillChildren.length > 0) family = { ...candidate, children: stillChildren };
    }
    const members: Member[] = [];
    let householdId: number;
    let district: string;
    const repeat = family !== null;
    let foreign = family?.foreign ?? false;
    const previousIntake = family?.lastIntakeAt ?? null;
    if (family) {
      householdId = family.householdId;
      district = family.district;
      members.push(...family.children.map((c, k) => ({ ...c, role: (k === 0 ? 'child' : 'sibling') as Member['role'] })), ...family.adults);
    } else {
      const origin: keyof typeof FOREIGN | null = rnd.chance(0.08) ? rnd.weighted([['SY', 75], ['AF', 19], ['IQ', 6]] as const) : null;
      foreign = origin !== null;
      const names = origin ? FOREIGN[origin] : { female: FEMALE_NAMES, male: MALE_NAMES, surnames: SURNAMES };
      const surname = rnd.pick(names.surnames);
      district = rnd.weighted(DISTRICTS);
      const address = `${rnd.pick(NEIGHBOURHOODS)} Mah. ${rnd.pick(STREET_NAMES)} ${rnd.chance(0.7) ? 'Sok.' : 'Cad.'} No: ${rnd.int(1, 120)} D: ${rnd.int(1, 16)}`;
      const homePhone = phone();
      householdId = Number(
        st.households.insert.run({ name: `${surname} ailesi`, address, district, city: 'İstanbul', phone: homePhone, now: iso(t0), actor: responsible }).lastInsertRowid,
      );
      st.households.index.run({ id: householdId, ...householdIndexRow({ name: `${surname} ailesi`, address, district, city: 'İstanbul', phone: homePhone }) });
      result.households += 1;

      const childAge = rnd.weighted([[rnd.int(0, 5), 20], [rnd.int(6, 11), 40], [rnd.int(12, 17), 40]] as const);
      const nChildren = rnd.weighted([[1, 35], [2, 35], [3, 20], [4, 10]] as const);
      const motherAge = childAge + rnd.int(18, 36);
      const person = (sex: 'female' | 'male', ageYears: number, child: boolean, lastName = surname) => {
        const birth = t0 - ageYears * 365.25 * DAY - rnd.int(1, 360) * DAY;
        const first = rnd.pick(sex === 'female' ? names.female : names.male);
        const approximate = child ? rnd.chance(0.05) : rnd.chance(0.3);
        const id = addPerson({ first, last: lastName, birth, approximate, sex, foreign: origin, child, address: child ? null : address, phone: child ? null : phone() }, t0);
        return { personId: id, first, last: lastName, birth, approximate };
      };
      for (let k = 0; k < nChildren; k += 1) {
        const age = k === 0 ? childAge : Math.max(0, Math.min(17, childAge + rnd.int(-6, 6)));
        const p = person(rnd.chance(0.5) ? 'female' : 'male', age, true);
        members.push({ ...p, role: k === 0 || rnd.chance(0.6) ? 'child' : 'sibling', relationship: k === 0 ? 'self' : 'sibling', offending: null, contact: null, lives: true });
      }
      const violent = ['domestic_violence', 'emotional_abuse', 'addiction'].includes(concern1);
      const neglect = concern1.endsWith('_neglect');
      const separated = caseConcerns.includes('divorced_parents');
      const hasMother = rnd.chance(0.92);
      const hasFather = rnd.chance(0.72);
      const fatherOffends = hasFather && (violent ? rnd.chance(0.7) : neglect ? rnd.chance(0.25) : false);
      const motherOffends = hasMother && !fatherOffends && (violent ? rnd.chance(0.2) : neglect ? rnd.chance(0.4) : false);
      if (hasMother) {
        const p = person('female', motherAge, false);
        members.push({ ...p, role: 'caregiver', relationship: 'mother', offending: motherOffends, contact: motherOffends ? 'lives_with_child' : null, lives: true });
      }
      if (hasFather) {
        const p = person('male', motherAge + rnd.int(0, 8), false);
        const lives = !separated && rnd.chance(0.9);
        members.push({ ...p, role: 'caregiver', relationship: 'father', offending: fatherOffends, contact: fatherOffends ? (lives ? 'lives_with_child' : rnd.pick(['supervised', 'unsupervised', 'none'] as const)) : null, lives });
      }
      if (rnd.chance(0.08)) {
        const p = person('female', motherAge + rnd.int(20, 30), false);
        members.push({ ...p, role: 'caregiver', relationship: 'grandmother', offending: false, contact: null, lives: rnd.chance(0.5) });
      }
      if (concern1 === 'sexual_abuse' && rnd.chance(0.7)) {
        const relationship = rnd.weighted([['uncle', 25], ['cousin', 15], ['neighbour', 20], ['acquaintance', 25], ['stranger', 10], ['partner_of_parent', 5]] as const);
        const p = person('male', rnd.int(16, 60), false, relationship === 'uncle' || relationship === 'cousin' ? surname : rnd.pick(SURNAMES));
        members.push({ ...p, role: 'alleged_perpetrator', relationship, offending: null, contact: rnd.pick(['none', 'supervised', 'unsupervised', 'unknown'] as const), lives: false });
      }
    }

    // --- the timeline --------------------------------------------------------------------
    const steps: Array<[string, number]> = [['intake', t0]];
    let t = t0 + rnd.int(1, 14) * DAY;
    steps.push(['assessment', t]);
    let closeAt: number;
    const unfounded = rnd.chance(0.25);
    if (unfounded) {
      closeAt = t + rnd.int(10, 60) * DAY;
    } else {
      t += rnd.int(7, 40) * DAY;
      steps.push(['case_plan', t]);
      t += rnd.int(7, 30) * DAY;
      steps.push(['implementation', t]);
      t += rnd.int(60, 300) * DAY + (rnd.chance(0.05) ? rnd.int(365, 1100) * DAY : 0);
      steps.push(['follow_up', t]);
      closeAt = t + rnd.int(20, 180) * DAY;
    }
    const reached = steps.filter(([, at]) => at <= nowMs);
    const closed = closeAt <= nowMs;
    const status = closed ? 'closed' : reached[reached.length - 1]![0];
    const endMs = closed ? closeAt : nowMs;
    const assessed = reached.length >= 2;
    let priority: Priority | null = assessed ? rnd.weighted(ASSESSED) : null;
    if (closed) priority = rnd.weighted(AT_CLOSURE);
    const pending = !closed && closeAt - nowMs < 20 * DAY && status !== 'intake';
    const pendingAt = pending ? nowMs - rnd.int(0, 5) * DAY - rnd.int(1, 8) * 3_600_000 : null;
    const closureReason = unfounded ? CLOSURE_REASONS[3]! : rnd.pick(CLOSURE_REASONS);

    // --- the case row, workers, history ---------------------------------------------------
    const year = new Date(t0).getFullYear();
    const seq = nextSeq(year);
    const primary = members.find((m) => m.role === 'child')!;
    const caseId = Number(
      st.cases.insertFull.run({
        caseNumber: formatCaseNumber(year, seq),
        year,
        seq,
        householdId,
        status,
        priority,
        priorityRank: priorityRank(priority),
        responsible,
        primaryChildId: primary.personId,
        childSortKey: personSortKey(primary.first, primary.last),
        openedAt: iso(t0),
        lastIntakeAt: iso(t0),
        closureRequestedAt: pendingAt ? iso(pendingAt) : null,
        closureRequestedBy: pendingAt ? responsible : null,
        closureRequestReason: pendingAt ? closureReason : null,
        closedAt: closed ? iso(closeAt) : null,
        closedBy: closed ? supervisor : null,
        closureReason: closed ? closureReason : null,
        createdAt: iso(t0),
        createdBy: responsible,
        updatedAt: iso(endMs),
      }).lastInsertRowid,
    );
    result.cases += 1;
    st.cases.worker.run(caseId, responsible, 'responsible', iso(t0), responsible);
    let coWorker: string | null = null;
    if (staff.caseworkers.length > 1 && rnd.chance(0.15)) {
      coWorker = rnd.pick(staff.caseworkers.filter((w) => w !== responsible));
      st.cases.worker.run(caseId, coWorker, 'co', iso(t0), supervisor);
    }
    st.cases.history.run({ caseId, event: 'created', from: null, to: 'intake', reason: null, at: iso(t0), by: responsible });
    for (let k = 1; k < reached.length; k += 1) {
      st.cases.history.run({ caseId, event: 'transition', from: reached[k - 1]![0], to: reached[k]![0], reason: null, at: iso(reached[k]![1]), by: responsible });
    }
    const lastStep = reached[reached.length - 1]![0];
    if (closed) {
      const requested = closeAt - rnd.int(1, 6) * DAY;
      st.cases.history.run({ caseId, event: 'closure_requested', from: lastStep, to: lastStep, reason: closureReason, at: iso(Math.max(requested, reached[reached.length - 1]![1])), by: responsible });
      st.cases.history.run({ caseId, event: 'closure_approved', from: lastStep, to: 'closed', reason: closureReason, at: iso(closeAt), by: supervisor });
    } else if (pendingAt) {
      st.cases.history.run({ caseId, event: 'closure_requested', from: lastStep, to: lastStep, reason: closureReason, at: iso(pendingAt), by: responsible });
    }
    members.forEach((m) => {
      st.cases.member.run(
        memberParams(
          { caseId, personId: m.personId, role: m.role, relationship: m.relationship, offending: m.offending, contactWithChild: m.contact, livesInHousehold: m.lives },
          m === primary,
          responsible,
          iso(t0),
        ),
      );
    });

    // --- the intake ----------------------------------------------------------------------
    const anonymous = rnd.chance(0.2);
    const reporterFirst = rnd.pick(rnd.chance(0.6) ? FEMALE_NAMES : MALE_NAMES);
    const summary = [
      rnd.pick(INTAKE_SUMMARIES[concern1] ?? INTAKE_SUMMARIES.domestic_violence!),
      ...(caseConcerns[1] && caseConcerns[1] !== concern1 ? [rnd.pick(INTAKE_SUMMARIES[caseConcerns[1]] ?? [''])] : []),
      ...(rnd.chance(0.5) ? [rnd.pick(INTAKE_FOLLOW_UPS)] : []),
    ]
      .filter(Boolean)
      .join(' ');
    const channel = rnd.weighted(CHANNELS);
    const intakeId = Number(
      st.intakes.insert.run({
        caseId,
        kind: repeat ? 'repeat' : 'initial',
        receivedAt: iso(t0),
        channel,
        anonymous: anonymous ? 1 : 0,
        name: anonymous ? null : `${reporterFirst} ${rnd.pick(SURNAMES)}`,
        relation: rnd.pick(REPORTER_RELATIONS),
        phone: anonymous ? null : phone(),
        summary,
        actor: responsible,
        now: iso(t0),
      }).lastInsertRowid,
    );
    result.intakes += 1;
    for (const code of new Set(caseConcerns)) st.intakes.concern.run(intakeId, code, caseId);
    if (previousIntake !== null && t0 - previousIntake <= REPEAT_WINDOW_DAYS * DAY) {
      st.flags.run({
        caseId,
        kind: 'repeated_report',
        sourceType: 'intake',
        sourceId: intakeId,
        details: JSON.stringify({ priorReports: 1, windowDays: REPEAT_WINDOW_DAYS }),
        raisedAt: iso(t0),
        raisedBy: responsible,
        resolvedAt: closed ? iso(closeAt) : null,
        resolvedBy: closed ? supervisor : null,
      });
      result.flags += 1;
    }

    // --- notes ---------------------------------------------------------------------------
    const child = `${primary.first}`;
    const mother = members.find((m) => m.relationship === 'mother');
    const father = members.find((m) => m.relationship === 'father');
    const caregiver = mother ?? father ?? members.find((m) => m.role === 'caregiver');
    const vars = {
      child,
      mother: mother ? `${mother.first} ${mother.last}` : 'bakım veren',
      father: father ? `${father.first} ${father.last}` : 'baba',
      caregiver: caregiver ? `${caregiver.first} ${caregiver.last}` : 'bakım veren',
      district,
    };
    const foldedVars = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, fold(v)]));
    for (const v of Object.values(foldedVars)) addTerms(v);
    const nNotes = status === 'intake' ? rnd.int(0, 2) : Math.round(avgNotes * (0.3 + 1.4 * rnd.next()));
    const span = Math.max(DAY, endMs - t0);
    const moments = Array.from({ length: nNotes }, () => t0 + rnd.next() * span).sort((a, b) => a - b);
    let refusedFlag = false;
    const noteIds: number[] = [];
    for (const at of moments) {
      const type = rnd.weighted(NOTE_TYPES);
      const refusedVisit = type === 'home_visit' && rnd.chance(0.02);
      const source = refusedVisit ? REFUSED_VISIT : NOTE_SENTENCES[type];
      const sentences = [rnd.pick(source.open), ...rnd.sample(source.middle, rnd.int(2, 3)), rnd.pick(source.close)];
      const body = sentences.map((s) => fill(s, vars)).join(' ');
      // The search index's folded text, from sentences folded once per generation (fold works
      // character by character, so folding the parts is folding the whole).
      const foldedBody = sentences.map((s) => fill(folded(s), foldedVars)).join(' ');
      // Who was there: the people of the case; staff only when two went (the author is implied).
      const staffPresent = coWorker && rnd.chance(0.3) ? [responsible, coWorker] : [];
      const present =
        type === 'home_visit' && !refusedVisit
          ? { people: [primary.personId, ...(mother ? [mother.personId] : [])], users: staffPresent, others: null }
          : type === 'interview' || type === 'counselling_individual'
            ? { people: [primary.personId], users: [], others: null }
            : type === 'counselling_family'
              ? { people: [primary.personId, ...(mother ? [mother.personId] : []), ...(father ? [father.personId] : [])], users: [], others: null }
              : { people: [], users: [], others: null };
      const author = coWorker && rnd.chance(0.2) ? coWorker : responsible;
      const edited = rnd.chance(0.04);
      const editedAt = Math.min(nowMs, at + rnd.int(1, 3) * DAY);
      const noteId = Number(
        st.notes.noteFull.run({
          caseId,
          type,
          occurredAt: iso(at),
          version: edited ? 2 : 1,
          visitRefused: refusedVisit ? 1 : 0,
          createdAt: iso(at),
          createdBy: author,
        }).lastInsertRowid,
      );
      const presentJson = JSON.stringify(present);
      st.notes.version.run({ noteId, version: 1, type, occurredAt: iso(at), body, present: presentJson, visitRefused: refusedVisit ? 1 : 0, now: iso(at), actor: author });
      let latest = body;
      if (edited) {
        latest = `${body} ${rnd.pick(EDIT_ADDITIONS)}`;
        st.notes.version.run({ noteId, version: 2, type, occurredAt: iso(at), body: latest, present: presentJson, visitRefused: refusedVisit ? 1 : 0, now: iso(editedAt), actor: author });
        result.noteVersions += 1;
      }
      st.notes.index.run(noteId, edited ? `${foldedBody} ${folded(latest.slice(body.length + 1))}` : foldedBody);
      noteIds.push(noteId);
      result.notes += 1;
      result.noteVersions += 1;
      if (refusedVisit && !refusedFlag) {
        refusedFlag = true;
        st.flags.run({
          caseId,
          kind: 'refused_home_visit',
          sourceType: 'note',
          sourceId: noteId,
          details: JSON.stringify({ refusals: 1 }),
          raisedAt: iso(at),
          raisedBy: author,
          resolvedAt: closed ? iso(closeAt) : null,
          resolvedBy: closed ? supervisor : null,
        });
        result.flags += 1;
      }
    }

    // --- services ------------------------------------------------------------------------
    if (assessed) {
      const nServices = rnd.int(1, 4);
      for (let k = 0; k < nServices; k += 1) {
        const service = rnd.weighted(SERVICES);
        const recipient = service === 'psychoeducation' || service === 'training' ? (caregiver ?? primary) : primary;
        st.services.run({
          caseId,
          service,
          personId: recipient.personId,
          deliveredOn: day(t0 + rnd.next() * span),
          sessions: service.includes('counselling') || service === 'psychotherapy' ? rnd.int(2, 12) : 1,
          note: rnd.chance(0.4) ? rnd.pick(SERVICE_NOTES) : null,
          actor: responsible,
          now: iso(t0),
        });
        result.services += 1;
      }
    }

    // --- plan and tasks -------------------------------------------------------------------
    const planStep = reached.find(([name]) => name === 'case_plan');
    if (planStep) {
      for (const g of rnd.sample(PLAN_GOALS, rnd.int(1, 2))) {
        const goalId = Number(
          st.plan.goal.run({ caseId, title: g.goal, description: null, status: closed ? rnd.weighted([['achieved', 80], ['dropped', 20]] as const) : 'open', now: iso(planStep[1]), actor: responsible }).lastInsertRowid,
        );
        for (const action of rnd.sample(g.actions, 2)) {
          const due = planStep[1] + rnd.int(7, 120) * DAY;
          const done = closed || (due < nowMs && rnd.chance(0.85));
          const actionId = Number(
            st.plan.action.run({
              goalId,
              caseId,
              title: action,
              responsible,
              dueOn: day(due),
              status: done ? 'done' : 'open',
              doneAt: done ? iso(Math.min(due, endMs)) : null,
              doneBy: done ? responsible : null,
              now: iso(planStep[1]),
              actor: responsible,
            }).lastInsertRowid,
          );
          st.tasks.run(taskRow(caseId, 'planAction', 'plan', String(actionId), null, action, iso(due), priority, responsible, done ? iso(Math.min(due, endMs)) : null, iso(planStep[1])));
          result.tasks += 1;
          if (!done) result.openTasks += 1;
        }
      }
    }
    // --- assessments, referrals, court -----------------------------------------------------
    const counts: RecordCounts = { assessments: 0, referrals: 0, hearings: 0, orders: 0, tasks: 0, openTasks: 0 };
    const { latestAssessmentId } = caseRecords(
      rnd,
      st.records,
      {
        caseId,
        steps: reached,
        closed,
        endMs,
        nowMs,
        priority,
        concerns: [...new Set(caseConcerns)],
        foreign,
        disability: members.some((m) => disabledPeople.has(m.personId)),
        child: { personId: primary.personId, first: primary.first, birth: primary.birth, approximate: primary.approximate },
        caregiver: caregiver ? { personId: caregiver.personId, name: `${caregiver.first} ${caregiver.last}` } : null,
        noteIds,
        channel,
        responsible,
        supervisor,
      },
      (row) => st.tasks.run(row),
      counts,
    );
    result.assessments += counts.assessments;
    result.referrals += counts.referrals;
    result.hearings += counts.hearings;
    result.orders += counts.orders;
    result.tasks += counts.tasks;
    result.openTasks += counts.openTasks;
    const riskSource = latestAssessmentId === null ? null : String(latestAssessmentId);

    if (!closed && assessed) {
      const kinds = priority === 'urgent' || priority === 'high' ? ['followUp', 'casePlan', 'followUp'] : priority === 'none' ? ['closureReview'] : ['followUp', 'assessment'];
      for (const kind of kinds.slice(0, rnd.int(1, kinds.length))) {
        const due = nowMs + rnd.int(-12 * 24, 18 * 24) * 3_600_000;
        st.tasks.run(taskRow(caseId, kind, 'risk', riskSource, `risk.deadline.kind.${kind}`, null, iso(due), priority, responsible, null, iso(reached[reached.length - 1]![1])));
        result.tasks += 1;
        result.openTasks += 1;
      }
    } else if (closed) {
      st.tasks.run(taskRow(caseId, 'followUp', 'risk', riskSource, 'risk.deadline.kind.followUp', null, iso(closeAt - 7 * DAY), priority, responsible, iso(closeAt - 8 * DAY), iso(t0)));
      result.tasks += 1;
    }

    // Remember the family: it may be reported again.
    const known: KnownFamily = {
      householdId,
      district,
      children: members.filter((m) => m.role === 'child' || m.role === 'sibling'),
      adults: members.filter((m) => m.role === 'caregiver'),
      lastIntakeAt: t0,
      closedAt: closed ? closeAt : null,
      foreign,
    };
    if (pool.length < 3000) pool.push(known);
    else pool[Math.floor(rnd.next() * pool.length)] = known;
  };

  const taskRow = (
    caseId: number,
    kind: string,
    source: 'risk' | 'plan',
    sourceId: string | null,
    titleKey: string | null,
    title: string | null,
    dueAt: string,
    priority: Priority | null,
    assignee: string,
    doneAt: string | null,
    createdAt: string,
  ) => ({
    caseId,
    kind,
    source,
    sourceId,
    titleKey,
    titleParams: '{}',
    title,
    dueAt,
    priority,
    priorityRank: priorityRank(priority),
    assignee,
    doneAt,
    doneBy: doneAt ? assignee : null,
    now: createdAt,
    createdBy: assignee,
  });
  return oneCase;
}

export function generateDemo(db: Db, o: DemoOptions): DemoResult {
  const started = performance.now();
  let phaseStart = started;
  const phase = (name: string) => {
    const at = performance.now();
    o.onPhase?.(name, at - phaseStart);
    phaseStart = at;
  };
  const chunk = o.chunk ?? 1000;
  const result = emptyResult();
  const lookups = demoLookups(db);
  const writerOptions: CaseWriterOptions = { cases: o.cases, seed: o.seed, staff: o.staff, notesPerCase: o.notesPerCase, nowMs: o.now.getTime() };
  if (o.staff.caseworkers.length === 0 || o.staff.supervisors.length === 0) throw new Error('demo needs a supervisor and caseworkers');
  const nowMs = writerOptions.nowMs;

  // Into an empty vault, the secondary indexes are built once at the end (a sort) instead of row by
  // row (random inserts into ever larger b-trees): a fifth faster. Unique ones stay: they are rules.
  // Indexes whose keys grow with the rows (case by case, in date order) stay: appending to them costs
  // less than sorting them at the end, when only one thread works.
  // One exception: people's identity numbers are drawn in random order (a random insert per person
  // into a large index); into a vault without people they are distinct by construction (idNumberFor),
  // and building the unique index at the end still checks it.
  const fresh = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n === 0;
  const deferred = fresh
    ? (db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (sql NOT LIKE 'CREATE UNIQUE%' OR (name = 'people_id_number' AND ?))
             AND tbl_name IN (${DEFERRED_TABLES.map((t) => `'${t}'`).join(', ')})`,
        )
        .all(lookups.existingPeople === 0 ? 1 : 0) as Array<{ name: string; sql: string }>).filter((i) => !APPENDED_INDEXES.has(i.name))
    : [];
  const previousSync = db.pragma('synchronous', { simple: true }) as number;
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  const previousTemp = db.pragma('temp_store', { simple: true }) as number;
  const previousJournal = String(db.pragma('journal_mode', { simple: true }));
  // Demo data can be regenerated: no fsync while writing, a bigger page cache for the FTS merges,
  // temporary b-trees (the index builds' sorts) in memory. Into an empty vault also no WAL: each
  // page is encrypted and written once (into the file) instead of twice (WAL, then checkpoint); the
  // rollback journal stays in memory so a failed chunk still rolls back. All restored after.
  const previousForeignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('synchronous = OFF');
  // The generator makes every parent before its children: no foreign-key lookup per inserted row.
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  let bulkJournal = false;
  if (fresh && previousJournal.toLowerCase() === 'wal') {
    // Another connection on the file keeps WAL (SQLite answers with the mode it kept): then so do we.
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      bulkJournal = String(db.pragma('journal_mode = MEMORY', { simple: true })).toLowerCase() === 'memory';
    } catch {
      bulkJournal = false;
    }
  }
  // FTS5 writes a segment per transaction and merges them as it goes (automerge): each posting would
  // be rewritten several times. During the bulk phase the segments only pile up; one `optimize` at the
  // end merges them once (and leaves one segment per table: queries read fewer).
  const FTS = ['notes_fts', 'people_fts', 'households_fts'] as const;
  const ftsConfig = (value: { automerge: number; crisismerge: number }) => {
    for (const t of FTS) {
      db.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', ${Math.trunc(value.automerge)})`);
      db.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('crisismerge', ${Math.trunc(value.crisismerge)})`);
    }
  };
  try {
    for (const index of deferred) db.exec(`DROP INDEX ${index.name}`);
    ftsConfig({ automerge: 0, crisismerge: 64 });
    // Into an empty vault the rows are made in a worker thread (all the JavaScript) while this one
    // only binds and steps the statements: the same code and random stream, so the same office.
    const inWorker = fresh && lookups.existingPeople === 0 && (o.worker ?? o.cases >= WORKER_MIN_CASES) && demoWorkerAvailable();
    if (inWorker) {
      Object.assign(result, writeInWorker(db, { ...writerOptions, chunk }, lookups, lastIds(db), o.onProgress));
    } else {
      const oneCase = caseWriter(db, lookups, writerOptions, result);
      for (let done = 0; done < o.cases; ) {
        const n = Math.min(chunk, o.cases - done);
        db.transaction(() => {
          for (let k = 0; k < n; k += 1) oneCase(done + k);
        })();
        done += n;
        o.onProgress?.(done, o.cases);
      }
    }
    phase('rows');
    db.transaction(() => planDemoVisits(db, o.seed, nowMs))();
    db.transaction(() => {
      appendAudit(db, {
        action: 'demo.generated',
        actorId: o.actor?.id ?? null,
        actorName: o.actor?.username ?? null,
        details: { cases: result.cases, notes: result.notes, people: result.people, assessments: result.assessments, referrals: result.referrals, seed: o.seed },
      });
    })();
  } finally {
    // Also after a failure: the vault never stays without its indexes.
    phase('visits');
    for (const index of deferred) db.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    phase('indexes');
    // FTS5's defaults again (automerge 4, crisismerge 16), after merging what piled up.
    db.transaction(() => {
      ftsConfig({ automerge: 4, crisismerge: 16 });
      for (const t of FTS) db.prepare(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run();
    })();
    phase('search merge');
    if (bulkJournal) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${Number(previousSync)}`);
    db.pragma(`cache_size = ${Number(previousCache)}`);
    db.pragma(`temp_store = ${Number(previousTemp)}`);
    db.pragma(`foreign_keys = ${previousForeignKeys ? 'ON' : 'OFF'}`);
  }
  result.attachments = addDemoAttachments(db, o.seed, o.now);
  phase('attachments');
  db.exec('ANALYZE');
  phase('statistics');
  result.ms = Math.round(performance.now() - started);
  return result;
}

/** The last rowid of each generated table that has one (the worker predicts the new rows' ids from it). */
function lastIds(db: Db): Record<string, number> {
  const withRowid = new Set(
    (db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND wr = 0").all() as Array<{ name: string }>).map((r) => r.name),
  );
  const sequences = new Map<string, number>();
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get())
    for (const r of db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{ name: string; seq: number }>) sequences.set(r.name, r.seq);
  const out: Record<string, number> = {};
  for (const table of DEFERRED_TABLES.filter((t) => withRowid.has(t))) {
    const max = (db.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM "${table}"`).get() as { m: number }).m;
    out[table] = Math.max(max, sequences.get(table) ?? 0);
  }
  return out;
}

/**
 * Issue 17: home visits and interviews planned in the coming four weeks on the open cases, by the
 * responsible caseworker, on working days (public holidays skipped). Appended after all other demo
 * data, with its own random stream, so the ids and records of everything before stay as they were.
 */
function planDemoVisits(db: Db, seed: number, nowMs: number): void {
  const rnd = new Prng(seed + 1_700_017);
  const share: Record<string, number> = { urgent: 1, high: 0.8, medium: 0.5, low: 0.2 };
  const open = db
    .prepare("SELECT id, priority, responsible_user_id AS userId FROM cases WHERE status <> 'closed' AND priority IN ('urgent', 'high', 'medium', 'low') ORDER BY id")
    .all() as Array<{ id: number; priority: string; userId: string }>;
  const insert = db.prepare(
    "INSERT INTO planned_visits (case_id, kind, starts_at, visitor_user_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const today = localDay(new Date(nowMs));
  const created = new Date(nowMs).toISOString();
  for (const c of open) {
    if (!rnd.chance(share[c.priority] ?? 0)) continue;
    const visitDay = nextWorkingDay(addDaysToDay(today, rnd.int(1, 27)));
    const time = rnd.pick(['09:30', '10:30', '11:30', '13:30', '14:30', '15:30']);
    insert.run(c.id, rnd.chance(0.7) ? 'home_visit' : 'interview', localMoment(visitDay, time), c.userId, created, c.userId);
  }
}
