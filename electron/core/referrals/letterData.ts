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
import type { CaseStatus, Member, MemberRole, Priority } from '../../../shared/api/schemas/cases';
import type { CONSENT_METHODS, InstitutionType, ReferralState, ShareSection, Urgency } from '../../../shared/api/schemas/referrals';
import type { LevelId } from '../../../shared/risk-tool/types';
import { listForCase } from '../assessments/assessmentsService';
import type { Actor } from '../cases/access';
import { listMembers, requireCase } from '../cases/casesRepo';
import { getHousehold } from '../cases/householdsRepo';
import { listIntakes } from '../cases/intakesRepo';
import { getLookup } from '../cases/lookupsRepo';
import { currentNotesOfCase } from '../cases/notesRepo';
import { listPlan } from '../cases/planRepo';
import { listServices } from '../cases/servicesRepo';
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
    /** The institution's KEP (registered e-mail) address, printed in the addressee block (issue 15). */
    kep: string | null;
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
  return codes.map((code) => {
    const row = getLookup(db, kind, code);
    return { code, labelTr: row?.labelTr ?? null, labelEn: row?.labelEn ?? null };
  });
}

/** What a letter may print of a member: the person's fields without contacts and bookkeeping, and the role in the case. */
const toLetterPerson = (m: Member): LetterPerson => {
  const p = m.person;
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
    role: m.role,
  };
};

/** The data of one referral letter (see the file comment). */
export function referralForLetter(db: Db, actor: Actor, referralId: number): ReferralLetterData {
  const r = getReferral(db, actor, referralId, new Date());
  const users = userLookup(db);
  const kase = requireCase(db, r.caseId);
  const inst = getInstitution(db, r.institution.id);
  const members = listMembers(db, r.caseId, actor);
  const sections = new Set(r.sharedSections);
  const shared: ReferralLetterData['shared'] = {};

  if (sections.has('identity')) {
    shared.identity = (r.person ? members.filter((m) => m.person.id === r.person!.id) : members.filter((m) => m.role === 'child')).map(toLetterPerson);
  }
  if (sections.has('household')) {
    const h = getHousehold(db, kase.household_id)!;
    shared.household = {
      name: h.name,
      address: h.address,
      district: h.district,
      city: h.city,
      phone: h.phone,
      members: members
        .filter((m) => m.livesInHousehold)
        .map(({ person: p, role, relationship }) => ({ id: p.id, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate, birthYear: p.birthYear, sex: p.sex, role, relationship })),
    };
  }
  if (sections.has('concerns')) {
    const intakes = listIntakes(db, r.caseId, users);
    const codes = [...new Set(intakes.flatMap((i) => i.concerns))].sort();
    const latest = intakes.at(-1);
    shared.concerns = {
      concerns: labelled(db, 'concern', codes),
      latestIntake: latest ? { receivedAt: latest.receivedAt, channel: labelled(db, 'channel', [latest.channel])[0]!, summary: latest.summary } : null,
    };
  }
  const assessments = () => listForCase(db, actor, r.caseId);
  if (sections.has('risk')) {
    const last = assessments().at(-1);
    shared.risk = { priority: kase.priority, latestAssessment: last ? { assessedAt: last.assessedAt, finalLevel: last.finalLevel, status: last.status } : null };
  }
  if (sections.has('assessments')) {
    shared.assessments = assessments().map((a) => ({
      id: a.id,
      assessedAt: a.assessedAt,
      computed: a.computed,
      finalLevel: a.finalLevel,
      status: a.status,
      summary: a.summary,
      overrideReason: a.overrideReason,
    }));
  }
  if (sections.has('notes')) {
    shared.notes = currentNotesOfCase(db, r.caseId, r.sharedNoteIds, users)
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
      .map((n) => ({ id: n.id, type: n.type, occurredAt: n.occurredAt, body: n.body }));
  }
  if (sections.has('services')) {
    const names = new Map(members.map(({ person: p }) => [p.id, `${p.firstName} ${p.lastName}`.trim()]));
    // listServices is newest first; the letter lists them oldest first.
    shared.services = listServices(db, r.caseId, users)
      .reverse()
      .map((s) => ({
        service: labelled(db, 'service', [s.service])[0]!,
        deliveredOn: s.deliveredOn,
        sessions: s.sessions,
        personName: s.personId !== null ? (names.get(s.personId) ?? null) : null,
      }));
  }
  if (sections.has('plan')) {
    shared.plan = listPlan(db, r.caseId, users).map((g) => ({
      title: g.title,
      status: g.status,
      actions: [...g.actions].sort((a, b) => a.id - b.id).map((a) => ({ title: a.title, dueOn: a.dueOn, status: a.status })),
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
    institution: { id: inst.id, name: inst.name, type: inst.type, address: inst.address, phone: inst.phone, email: inst.email, contactPerson: inst.contactPerson, kep: inst.kep ?? null },
    reply: r.reply ? { receivedOn: r.reply.receivedOn, serviceStartedOn: r.reply.serviceStartedOn, contactPerson: r.reply.contactPerson, outcome: r.reply.outcome } : null,
    shared,
  };
}
