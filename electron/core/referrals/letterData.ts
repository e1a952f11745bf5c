/**
 * What a referral letter may print, for the documents area (issue 7): the
 * referral itself, the receiving institution, and ONLY the case sections the
 * user ticked when preparing the referral (`sharedSections`); a section not
 * ticked is absent from `shared` (not empty: absent), so a letter cannot
 * carry what was not chosen. Notes are only the ones picked.
 *
 * Plain typed objects; codes (service, concern, note type, urgency, state …)
 * are kept as codes, with both labels for the office's editable lists
 * (lookups), so the printer renders them in the letter's language.
 * Visibility: the actor must see the referral's case ('referrals.notFound').
 * Reads only; the print itself is audited by printDocument.
 */
import type { UserTitle } from '../../../shared/api/schemas/office';
import { findUserById } from '../users/usersRepo';
import type { CaseStatus, MemberRole, Priority } from '../../../shared/api/schemas/cases';
import type { CONSENT_METHODS, InstitutionType, ReferralState, ShareSection, Urgency } from '../../../shared/api/schemas/referrals';
import type { LevelId } from '../../../shared/risk-tool/types';
import type { Actor } from '../cases/access';
import { toPerson, type PersonRow } from '../cases/peopleRepo';
import { userLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import { getInstitution } from './institutionsRepo';
import { getReferral } from './referralsService';

export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export type { InstitutionType, ReferralState, ShareSection, Urgency };

/** A code of an editable list with its labels in both languages (null labels: the code is unknown or free text). */
export interface Labelled {
  code: string;
  labelTr: string | null;
  labelEn: string | null;
}

export interface LetterPerson {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  birthYear: number | null;
  birthApproximate: boolean;
  sex: 'female' | 'male' | 'unknown';
  nationality: string | null;
  idType: 'tc' | 'foreign' | 'passport' | null;
  idNumber: string | null;
  languages: string[];
  school: string | null;
  disability: string | null;
  role: MemberRole | null;
}

export interface ReferralLetterData {
  referral: {
    id: number;
    state: ReferralState;
    urgency: Urgency;
    reason: string;
    /** Services asked for (lookup codes with labels) and any asked for in free text. */
    services: Labelled[];
    servicesOther: string | null;
    consent: { givenByName: string | null; givenByPersonId: number | null; method: ConsentMethod | null; on: string | null } | null;
    legalGround: string | null;
    sharedSections: ShareSection[];
    sentOn: string | null;
    replyDueOn: string | null;
    createdAt: string;
    /** Who prepared it, and the case's responsible caseworker (the contact for the receiving institution). */
    preparedBy: string;
    /** The preparer's professional title (users.title), printed under the signature. */
    preparedByTitle: UserTitle | null;
    responsible: string;
  };
  case: { id: number; caseNumber: string; status: CaseStatus };
  /** The person referred; null = the household. Name only: details are in `shared.identity` when shared. */
  referred: { id: number; name: string } | null;
  institution: {
    id: number;
    name: string;
    type: InstitutionType;
    address: string | null;
    phone: string | null;
    email: string | null;
    contactPerson: string | null;
  };
  /** The reply slip as recorded (null: no reply yet; the printed slip is then blank). */
  reply: { receivedOn: string | null; serviceStartedOn: string | null; contactPerson: string | null; outcome: string | null } | null;
  shared: {
    /** The person referred, or the case's children when the household is referred. */
    identity?: LetterPerson[];
    household?: {
      name: string;
      address: string | null;
      district: string | null;
      city: string | null;
      phone: string | null;
      /** Members living in the household. */
      members: Array<Pick<LetterPerson, 'id' | 'firstName' | 'lastName' | 'birthDate' | 'birthYear' | 'sex' | 'role'> & { relationship: string | null }>;
    };
    concerns?: { concerns: Labelled[]; latestIntake: { receivedAt: string; channel: Labelled; summary: string } | null };
    risk?: { priority: Priority | null; latestAssessment: { assessedAt: string; finalLevel: LevelId; status: string } | null };
    assessments?: Array<{ id: number; assessedAt: string; computed: LevelId; finalLevel: LevelId; status: string; summary: string | null; overrideReason: string | null }>;
    notes?: Array<{ id: number; type: string; occurredAt: string; body: string }>;
    services?: Array<{ service: Labelled; deliveredOn: string; sessions: number; personName: string | null }>;
    plan?: Array<{ title: string; status: string; actions: Array<{ title: string; dueOn: string | null; status: string }> }>;
  };
}

/** Labels of lookup codes in both languages. */
export function labelled(db: Db, kind: 'service' | 'concern' | 'channel', codes: string[]): Labelled[] {
  const stmt = db.prepare('SELECT label_tr, label_en FROM lookups WHERE kind = ? AND code = ?');
  return codes.map((code) => {
    const row = stmt.get(kind, code) as { label_tr: string; label_en: string } | undefined;
    return { code, labelTr: row?.label_tr ?? null, labelEn: row?.label_en ?? null };
  });
}

/** A member of the case: the person's row (peopleRepo) and their place in the case. */
type MemberPersonRow = PersonRow & { role: MemberRole | null; relationship: string | null; lives_in_household: number };

/** What a letter may print of a person: toPerson's fields without contacts and bookkeeping, and the role in the case. */
const toLetterPerson = (r: MemberPersonRow): LetterPerson => {
  const p = toPerson(r);
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    birthYear: p.birthYear,
    birthApproximate: p.birthApproximate,
    sex: p.sex,
    nationality: p.nationality,
    idType: p.idType,
    idNumber: p.idNumber,
    languages: p.languages,
    school: p.school,
    disability: p.disability,
    role: r.role,
  };
};

/** The data of one referral letter (see the file comment). */
export function referralForLetter(db: Db, actor: Actor, referralId: number): ReferralLetterData {
  const r = getReferral(db, actor, referralId, new Date());
  const users = userLookup(db);
  const kase = db.prepare('SELECT id, case_number, status, priority, household_id, responsible_user_id FROM cases WHERE id = ?').get(r.caseId) as {
    id: number;
    case_number: string;
    status: CaseStatus;
    priority: Priority | null;
    household_id: number;
    responsible_user_id: string;
  };
  const inst = getInstitution(db, r.institution.id);
  const members = db
    .prepare(
      `SELECT p.*, m.role, m.relationship, m.lives_in_household FROM case_members m JOIN people p ON p.id = m.person_id
       WHERE m.case_id = ? ORDER BY m.is_primary DESC, m.id`,
    )
    .all(r.caseId) as MemberPersonRow[];
  const sections = new Set(r.sharedSections);
  const shared: ReferralLetterData['shared'] = {};

  if (sections.has('identity')) {
    shared.identity = (r.person ? members.filter((m) => m.id === r.person!.id) : members.filter((m) => m.role === 'child')).map(toLetterPerson);
  }
  if (sections.has('household')) {
    const h = db.prepare('SELECT name, address, district, city, phone FROM households WHERE id = ?').get(kase.household_id) as NonNullable<ReferralLetterData['shared']['household']>;
    shared.household = {
      name: h.name,
      address: h.address,
      district: h.district,
      city: h.city,
      phone: h.phone,
      members: members
        .filter((m) => m.lives_in_household === 1)
        .map((m) => ({ id: m.id, firstName: m.first_name, lastName: m.last_name, birthDate: m.birth_date, birthYear: m.birth_year, sex: m.sex, role: m.role, relationship: m.relationship })),
    };
  }
  if (sections.has('concerns')) {
    const codes = (db.prepare('SELECT DISTINCT concern_code FROM intake_concerns WHERE case_id = ? ORDER BY concern_code').all(r.caseId) as Array<{ concern_code: string }>).map((c) => c.concern_code);
    const latest = db.prepare('SELECT received_at, channel_code, summary FROM intakes WHERE case_id = ? ORDER BY received_at DESC, id DESC LIMIT 1').get(r.caseId) as
      | { received_at: string; channel_code: string; summary: string }
      | undefined;
    shared.concerns = {
      concerns: labelled(db, 'concern', codes),
      latestIntake: latest ? { receivedAt: latest.received_at, channel: labelled(db, 'channel', [latest.channel_code])[0]!, summary: latest.summary } : null,
    };
  }
  const assessments = () =>
    db
      .prepare('SELECT id, assessed_at, computed, final_level, status, summary, override_reason FROM assessments WHERE case_id = ? ORDER BY assessed_at, id')
      .all(r.caseId) as Array<{ id: number; assessed_at: string; computed: LevelId; final_level: LevelId; status: string; summary: string | null; override_reason: string | null }>;
  if (sections.has('risk')) {
    const last = assessments().at(-1);
    shared.risk = { priority: kase.priority, latestAssessment: last ? { assessedAt: last.assessed_at, finalLevel: last.final_level, status: last.status } : null };
  }
  if (sections.has('assessments')) {
    shared.assessments = assessments().map((a) => ({
      id: a.id,
      assessedAt: a.assessed_at,
      computed: a.computed,
      finalLevel: a.final_level,
      status: a.status,
      summary: a.summary,
      overrideReason: a.override_reason,
    }));
  }
  if (sections.has('notes')) {
    const stmt = db.prepare(
      `SELECT n.id, v.type, v.occurred_at, v.body FROM notes n JOIN note_versions v ON v.note_id = n.id AND v.version = n.current_version WHERE n.id = ? AND n.case_id = ?`,
    );
    shared.notes = r.sharedNoteIds
      .map((id) => stmt.get(id, r.caseId) as { id: number; type: string; occurred_at: string; body: string } | undefined)
      .filter((n): n is NonNullable<typeof n> => n !== undefined)
      .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at))
      .map((n) => ({ id: n.id, type: n.type, occurredAt: n.occurred_at, body: n.body }));
  }
  if (sections.has('services')) {
    const names = new Map(members.map((m) => [m.id, `${m.first_name} ${m.last_name}`.trim()]));
    const rows = db.prepare('SELECT service_code, delivered_on, sessions, person_id FROM case_services WHERE case_id = ? ORDER BY delivered_on, id').all(r.caseId) as Array<{
      service_code: string;
      delivered_on: string;
      sessions: number;
      person_id: number | null;
    }>;
    shared.services = rows.map((s) => ({
      service: labelled(db, 'service', [s.service_code])[0]!,
      deliveredOn: s.delivered_on,
      sessions: s.sessions,
      personName: s.person_id !== null ? (names.get(s.person_id) ?? null) : null,
    }));
  }
  if (sections.has('plan')) {
    const goals = db.prepare('SELECT id, title, status FROM plan_goals WHERE case_id = ? ORDER BY id').all(r.caseId) as Array<{ id: number; title: string; status: string }>;
    const actions = db.prepare('SELECT title, due_on, status FROM plan_actions WHERE goal_id = ? ORDER BY id');
    shared.plan = goals.map((g) => ({
      title: g.title,
      status: g.status,
      actions: (actions.all(g.id) as Array<{ title: string; due_on: string | null; status: string }>).map((a) => ({ title: a.title, dueOn: a.due_on, status: a.status })),
    }));
  }

  return {
    referral: {
      id: r.id,
      state: r.state,
      urgency: r.urgency,
      reason: r.reason,
      services: labelled(db, 'service', r.services),
      servicesOther: r.servicesOther,
      consent: r.consent,
      legalGround: r.legalGround,
      sharedSections: r.sharedSections,
      sentOn: r.sentOn,
      replyDueOn: r.replyDueOn,
      createdAt: r.createdAt,
      preparedBy: r.createdBy.displayName,
      preparedByTitle: findUserById(db, r.createdBy.id)?.title ?? null,
      responsible: users(kase.responsible_user_id).displayName,
    },
    case: { id: kase.id, caseNumber: kase.case_number, status: kase.status },
    referred: r.person,
    institution: { id: inst.id, name: inst.name, type: inst.type, address: inst.address, phone: inst.phone, email: inst.email, contactPerson: inst.contactPerson },
    reply: r.reply ? { receivedOn: r.reply.receivedOn, serviceStartedOn: r.reply.serviceStartedOn, contactPerson: r.reply.contactPerson, outcome: r.reply.outcome } : null,
    shared,
  };
}
