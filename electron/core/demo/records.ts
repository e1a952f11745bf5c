/**
 * The demo's risk assessments, referrals, hearings and court orders for one
 * case, written with prepared statements inside the generator's chunk
 * transaction (no per-row service calls: 100 000 cases must stay fast).
 *
 * The rows follow the domain services' own rules, so the app treats them like
 * records typed in by hand:
 * - assessments: the criteria are drawn per domain so that the engine
 *   (`assess`) computes the intended level from the case's concerns; every
 *   domain not answered is screened (`demoAnswers` returns both); a final
 *   level other than the computed one always has a written reason (≥
 *   MIN_REASON_LENGTH); Urgent/High by a caseworker wait for the supervisor
 *   or carry the supervisor's decision; a reassessment points at the previous
 *   one; the latest final level is the case's priority;
 * - referrals: the state walks REFERRAL_TRANSITIONS with non-decreasing days
 *   in `referral_history`, never in the future; a sent referral has consent
 *   (who, how, when) or a legal ground and its reply day is
 *   REPLY_WORKING_DAYS working days after sending; open referrals keep the
 *   tasks the service would have made (reply expected, service start);
 * - hearings past (held / postponed, with an outcome) and upcoming
 *   (scheduled, with the hearing-day tasks); orders of every kind with an
 *   institution or a caseworker responsible (never both), a due day not
 *   before the order, and dated compliance updates starting with 'pending'.
 */
import { format } from 'date-fns';
import type { Priority } from '../../../shared/api/schemas/cases';
import type { OrderKind } from '../../../shared/api/schemas/court';
import { REPLY_WORKING_DAYS, type ReferralState, type ShareSection, type Urgency } from '../../../shared/api/schemas/referrals';
import { assess, severity } from '../../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import { LEVEL_IDS, type LevelId } from '../../../shared/risk-tool/types';
import { MIN_REASON_LENGTH } from '../assessments/assessmentsService';
import { priorityRank } from '../cases/casesRepo';
import { dueAtOfDay } from '../cases/dates';
import { HEARING_PREPARE_DAYS } from '../../../shared/api/schemas/court';
import type { Db } from '../db/open';
import { SERVICE_START_WORKING_DAYS } from '../referrals/referralsService';
import { addWorkingDays } from '../referrals/workingDays';
import { isoInstant } from './isoTime';
import type { Prng } from './prng';
import {
  APPROVAL_NOTES,
  ASSESSMENT_SUMMARIES,
  COMPLIANCE_NOTES,
  CONTACT_PERSONS,
  DECLINE_REASONS,
  HEARING_OUTCOMES,
  JUDGES,
  LEGAL_GROUNDS,
  ORDER_DESCRIPTIONS,
  NO_RISK_REASONS,
  OVERRIDE_LOWER_REASONS,
  OVERRIDE_RAISE_REASONS,
  POSTPONED_OUTCOMES,
  REFERRAL_OUTCOMES,
  REFERRAL_REASONS,
  REPLY_OUTCOMES,
  RETURN_NOTES,
  TO_BRING,
} from './recordTexts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

// --- assessments ---------------------------------------------------------------------------------

/** The instrument's domains each intake concern speaks to (harm domains first). */
export const CONCERN_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  domestic_violence: ['physical-violence', 'emotional-abuse', 'history-violence-mental-health-addiction'],
  physical_abuse: ['physical-violence', 'emotional-abuse'],
  sexual_abuse: ['sexual-abuse-exploitation', 'psychosocial-distress', 'severe-trauma-survivor'],
  emotional_neglect: ['neglect', 'emotional-abuse'],
  emotional_abuse: ['emotional-abuse', 'psychosocial-distress'],
  educational_neglect: ['neglect', 'socioeconomic-vulnerability-poverty'],
  health_neglect: ['neglect', 'disability-chronic-illness'],
  traumatic_processes: ['psychosocial-distress', 'severe-trauma-survivor'],
  divorced_parents: ['psychosocial-distress', 'emotional-abuse'],
  economic_exploitation: ['child-labour', 'socioeconomic-vulnerability-poverty'],
  child_labour: ['child-labour', 'socioeconomic-vulnerability-poverty'],
  anxiety_problems: ['psychosocial-distress'],
  addiction: ['neglect', 'history-violence-mental-health-addiction'],
  substance_abuse: ['psychosocial-distress', 'history-violence-mental-health-addiction'],
  early_marriage: ['child-marriage', 'adolescent-pregnancy-child-parent'],
  bullying: ['psychosocial-distress', 'emotional-abuse'],
  child_in_conflict_with_law: ['psychosocial-distress', 'deprived-of-liberty'],
  other: ['psychosocial-distress'],
};

const CRITERION_DOMAIN = new Map(INSTRUMENT.domains.flatMap((d) => d.criteria.map((c) => [c.id, d.id] as const)));
/** Criterion ids by domain and level, in instrument order. */
const BY_LEVEL = new Map(INSTRUMENT.domains.map((d) => [d.id, new Map(LEVEL_IDS.map((l) => [l, d.criteria.filter((c) => c.level === l).map((c) => c.id)]))]));
const criteriaAt = (domain: string, level: LevelId): string[] => BY_LEVEL.get(domain)?.get(level) ?? [];
const HARM_DOMAINS = INSTRUMENT.domains.filter((d) => d.kind === 'harm').map((d) => d.id);

export interface DemoAnswers {
  /** Ticked criterion ids. */
  criteria: string[];
  /**
   * Domains looked at and found without a concern: every domain with no
   * ticked criterion (an assessment is complete when each domain is answered
   * or screened); stored with the assessment.
   */
  screened: string[];
}

export interface AnswerContext {
  concerns: readonly string[];
  foreign: boolean;
  disability: boolean;
  poor: boolean;
}

/**
 * Criteria for an assessment whose engine-computed level is `level`: one
 * criterion at that level in the domain of the case's main concern, and a
 * few more (other concern domains, the household's vulnerabilities) at or
 * below it, so `assess(...).computed === level`.
 */
export function demoAnswers(rnd: Prng, level: LevelId, ctx: AnswerContext): DemoAnswers {
  const concernDomains = [...new Set(ctx.concerns.flatMap((c) => CONCERN_DOMAINS[c] ?? CONCERN_DOMAINS.other!))];
  const vulnerabilities = [
    ...(ctx.foreign ? [rnd.chance(0.6) ? 'access-to-services-legal-status' : 'displacement-history'] : []),
    ...(ctx.disability ? ['disability-chronic-illness'] : []),
    ...(ctx.poor ? ['socioeconomic-vulnerability-poverty'] : []),
  ];
  const ticked: string[] = [];
  const at = Math.max(0, severity(level));
  const notAbove = (domain: string): string[] => LEVEL_IDS.filter((l) => severity(l) <= at && l !== 'none').flatMap((l) => criteriaAt(domain, l));

  if (level === 'none') {
    // "Risk yok" descriptions of the concern's domains, or nothing ticked at all.
    for (const domain of concernDomains.slice(0, 2)) {
      const none = criteriaAt(domain, 'none');
      if (none.length && rnd.chance(0.6)) ticked.push(rnd.pick(none));
    }
  } else {
    const main = [...concernDomains, ...HARM_DOMAINS].find((d) => criteriaAt(d, level).length > 0)!;
    ticked.push(rnd.pick(criteriaAt(main, level)));
    if (rnd.chance(0.5)) {
      const same = criteriaAt(main, level).filter((id) => !ticked.includes(id));
      if (same.length) ticked.push(rnd.pick(same));
    }
    for (const domain of concernDomains.filter((d) => d !== main)) {
      const options = notAbove(domain);
      if (options.length && rnd.chance(0.55)) ticked.push(rnd.pick(options));
    }
    for (const domain of vulnerabilities) {
      const options = notAbove(domain);
      if (options.length && rnd.chance(0.8)) ticked.push(rnd.pick(options));
    }
  }
  const criteria = [...new Set(ticked)];
  const answered = new Set(criteria.map((id) => CRITERION_DOMAIN.get(id)!));
  return { criteria, screened: INSTRUMENT.domains.map((d) => d.id).filter((d) => !answered.has(d)) };
}

/** One level more (+1) or less (−1) severe, within urgent … none. */
const shift = (level: LevelId, by: number): LevelId => LEVEL_IDS[Math.min(LEVEL_IDS.length - 1, Math.max(0, LEVEL_IDS.indexOf(level) - by))]!;

// --- statements ------------------------------------------------------------------------------

export interface RecordLookups {
  institutions: Array<{ id: number; code: string; name: string; type: string; services: string }>;
  serviceCodes: string[];
}

/** The directory's institutions and the active service codes (read once, before the rows are written). */
export function recordLookups(db: Db): RecordLookups {
  return {
    institutions: db.prepare('SELECT id, code, name, type, services FROM institutions WHERE active = 1 AND code IS NOT NULL ORDER BY id').all() as RecordLookups['institutions'],
    serviceCodes: (db.prepare("SELECT code FROM lookups WHERE kind = 'service' AND active = 1").all() as Array<{ code: string }>).map((r) => r.code),
  };
}

export function recordStatements(db: Db, lookups: RecordLookups) {
  return {
    institutions: new Map(lookups.institutions.map((i) => [i.code, { ...i, services: JSON.parse(i.services) as string[] }])),
    serviceCodes: new Set(lookups.serviceCodes),
    assessment: db.prepare(
      `INSERT INTO assessments (case_id, child_id, previous_id, instrument_version, criteria, screened, child_age, computed, suggested, rules,
         final_level, override_reason, summary, status, assessed_by, assessed_at, decided_by, decided_at, decision_note)
       VALUES (@caseId, @childId, @previousId, @version, @criteria, @screened, @childAge, @computed, @suggested, @rules,
         @finalLevel, @reason, @summary, @status, @assessedBy, @assessedAt, @decidedBy, @decidedAt, @decisionNote)`,
    ),
    referral: db.prepare(
      `INSERT INTO referrals (case_id, person_id, institution_id, services, services_other, urgency, reason, consent_person_id, consent_name,
         consent_method, consent_on, legal_ground, shared_sections, shared_note_ids, state, sent_on, reply_due_on, acknowledged_on, service_started_on,
         ended_on, outcome, decline_reason, reply_received_on, reply_service_started_on, reply_contact_person, reply_outcome, reply_recorded_at,
         reply_recorded_by, version, created_at, created_by, updated_at, updated_by)
       VALUES (@caseId, @personId, @institutionId, @services, @servicesOther, @urgency, @reason, @consentPersonId, NULL,
         @consentMethod, @consentOn, @legalGround, @sharedSections, @sharedNoteIds, @state, @sentOn, @replyDueOn, @acknowledgedOn, @serviceStartedOn,
         @endedOn, @outcome, @declineReason, @replyReceivedOn, @replyServiceStartedOn, @replyContactPerson, @replyOutcome, @replyRecordedAt,
         @replyRecordedBy, @version, @createdAt, @actor, @updatedAt, @actor)`,
    ),
    referralHistory: db.prepare('INSERT INTO referral_history (referral_id, from_state, to_state, on_day, note, at, by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    hearing: db.prepare(
      `INSERT INTO court_hearings (case_id, court_name, court_institution_id, file_number, hearing_at, judge, to_bring, status, outcome, version, created_at, created_by, updated_at, updated_by)
       VALUES (@caseId, @courtName, @institution, @fileNumber, @hearingAt, @judge, @toBring, @status, @outcome, @version, @createdAt, @actor, @updatedAt, @actor)`,
    ),
    order: db.prepare(
      `INSERT INTO court_orders (case_id, hearing_id, person_id, kind, description, ordered_on, responsible_institution_id, responsible_user_id, due_on,
         compliance, version, created_at, created_by, updated_at, updated_by)
       VALUES (@caseId, @hearingId, @personId, @kind, @description, @orderedOn, @institution, @user, @dueOn, @compliance, @version, @createdAt, @actor, @updatedAt, @actor)`,
    ),
    orderUpdate: db.prepare('INSERT INTO court_order_updates (order_id, from_status, to_status, on_day, note, at, by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };
}
export type RecordStatements = ReturnType<typeof recordStatements>;

// --- one case ------------------------------------------------------------------------------------

export interface CaseFacts {
  caseId: number;
  /** Reached steps of the case (name, moment), oldest first. */
  steps: ReadonlyArray<readonly [string, number]>;
  closed: boolean;
  /** End of the case's activity: its closure, or now. */
  endMs: number;
  nowMs: number;
  /** The case's priority: the final level of its latest assessment. */
  priority: Priority | null;
  concerns: readonly string[];
  foreign: boolean;
  disability: boolean;
  child: { personId: number; first: string; birth: number; approximate: boolean };
  caregiver: { personId: number; name: string } | null;
  noteIds: readonly number[];
  channel: string;
  responsible: string;
  supervisor: string;
}

export interface RecordCounts {
  assessments: number;
  referrals: number;
  hearings: number;
  orders: number;
  tasks: number;
  openTasks: number;
}

export interface TaskRow {
  caseId: number;
  kind: string;
  source: 'risk' | 'plan' | 'court' | 'referral';
  sourceId: string | null;
  titleKey: string | null;
  titleParams: string;
  title: string | null;
  dueAt: string;
  priority: Priority | null;
  priorityRank: number;
  assignee: string;
  doneAt: string | null;
  doneBy: string | null;
  now: string;
  createdBy: string;
}

/** toISOString, with the day part cached (isoTime.ts): a few million calls at 100 000 cases. */
const iso = isoInstant;
/**
 * A calendar day (UTC). Every day written is at least two days before "now",
 * so it is never after the services' local "today" in any time zone.
 */
const day = (ms: number) => iso(ms).slice(0, 10);
const fill = (text: string, v: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/**
 * Writes the case's assessments, referrals and court records. Returns the
 * latest assessment's id (the risk tasks' source), or null.
 */
export function caseRecords(rnd: Prng, st: RecordStatements, f: CaseFacts, insertTask: (t: TaskRow) => void, counts: RecordCounts): { latestAssessmentId: number | null } {
  // Nothing dated later than two days before "now": every day is in the past in any time zone.
  const capMs = Math.min(f.endMs - HOUR, f.nowMs - 2 * DAY);
  const texts = { child: f.child.first, caregiver: f.caregiver?.name ?? 'bakım veren' };
  const task = (t: Omit<TaskRow, 'caseId' | 'titleParams' | 'title' | 'priority' | 'priorityRank' | 'assignee' | 'doneBy' | 'createdBy'> & { params?: Record<string, string>; assignee?: string }) => {
    insertTask({
      caseId: f.caseId,
      kind: t.kind,
      source: t.source,
      sourceId: t.sourceId,
      titleKey: t.titleKey,
      titleParams: JSON.stringify(t.params ?? {}),
      title: null,
      dueAt: t.dueAt,
      priority: f.priority,
      priorityRank: priorityRank(f.priority),
      assignee: t.assignee ?? f.responsible,
      doneAt: t.doneAt,
      doneBy: t.doneAt ? (t.assignee ?? f.responsible) : null,
      now: t.now,
      createdBy: f.responsible,
    });
    counts.tasks += 1;
    if (!t.doneAt) counts.openTasks += 1;
  };

  // --- assessments: open cases past intake always, a third of the closed ones ------------------
  let latestAssessmentId: number | null = null;
  const assessmentStep = f.steps.find(([s]) => s === 'assessment');
  if (f.priority !== null && assessmentStep && (!f.closed || rnd.chance(0.25))) {
    const moments = [assessmentStep[1] + rnd.int(0, 3) * DAY + rnd.int(1, 8) * HOUR];
    for (const [step, at] of f.steps) if (step !== 'intake' && step !== 'assessment' && rnd.chance(0.55)) moments.push(at + rnd.int(0, 10) * DAY + rnd.int(1, 8) * HOUR);
    // An open case seen again lately (a reassessment within the last two months).
    if (!f.closed && rnd.chance(0.3)) moments.push(f.nowMs - rnd.int(3, 60) * DAY);
    const when = [...new Set(moments.map((m) => Math.min(m, capMs - rnd.int(0, 2) * DAY)))].filter((m) => m > f.steps[0]![1]).sort((a, b) => a - b);
    if (when.length === 0) when.push(Math.max(f.steps[0]![1] + HOUR, capMs));
    // Levels over time: the latest is the case's priority; earlier ones were often higher.
    const levels: LevelId[] = [f.priority];
    for (let k = when.length - 2; k >= 0; k -= 1) levels.unshift(shift(levels[0]!, rnd.weighted([[1, 45], [0, 35], [-1, 20]] as const)));
    const answerCtx: AnswerContext = { concerns: f.concerns, foreign: f.foreign, disability: f.disability, poor: rnd.chance(0.3) };
    let previousId: number | null = null;
    when.forEach((at, k) => {
      const latest = k === when.length - 1;
      const final = levels[k]!;
      // Mostly the engine's level; sometimes the assessor raises or lowers it, with a reason.
      const plan = rnd.weighted([[0, 86], [1, 9], [-1, 5]] as const);
      const target = shift(final, -plan); // clamped: nothing below None or above Urgent
      const answers = demoAnswers(rnd, target, answerCtx);
      const result = assess(INSTRUMENT, { criteria: answers.criteria, screened: answers.screened });
      let reason: string | null = null;
      if (final !== result.computed) {
        reason = severity(final) > severity(result.computed) ? rnd.pick(OVERRIDE_RAISE_REASONS) : rnd.pick(OVERRIDE_LOWER_REASONS);
        if (reason.length < MIN_REASON_LENGTH) throw new Error('demo override reason too short');
      }
      // Risk Yok always carries a written reason, like an override (issue 11); chosen without drawing from
      // the generator so a seed keeps giving the same office (the README's example ids).
      if (final === 'none' && reason === null) reason = NO_RISK_REASONS[counts.assessments % NO_RISK_REASONS.length]!;
      const needsApproval = final === 'urgent' || final === 'high';
      const decision: 'approved' | 'pending_approval' | 'returned' = !needsApproval
        ? 'approved'
        : latest && !f.closed && f.nowMs - at < 45 * DAY && rnd.chance(0.5)
          ? 'pending_approval'
          : !latest && rnd.chance(0.2)
            ? 'returned'
            : 'approved';
      const decidedAt = !needsApproval ? at : Math.max(at, Math.min(at + rnd.int(2, 40) * HOUR, f.nowMs - HOUR));
      const ageYears = Math.floor((at - f.child.birth) / (365.25 * DAY));
      previousId = Number(
        st.assessment.run({
          caseId: f.caseId,
          childId: f.child.personId,
          previousId,
          version: INSTRUMENT.version,
          criteria: JSON.stringify(answers.criteria),
          screened: JSON.stringify(answers.screened),
          childAge: f.child.approximate || ageYears < 0 || ageYears > 17 ? null : ageYears,
          computed: result.computed,
          suggested: result.suggested,
          rules: JSON.stringify(result.rules),
          finalLevel: final,
          reason,
          summary: fill(rnd.pick(ASSESSMENT_SUMMARIES[final]), texts),
          status: decision,
          assessedBy: f.responsible,
          assessedAt: iso(at),
          decidedBy: decision === 'pending_approval' ? null : needsApproval ? f.supervisor : f.responsible,
          decidedAt: decision === 'pending_approval' ? null : iso(decidedAt),
          decisionNote: decision === 'returned' ? rnd.pick(RETURN_NOTES) : needsApproval && decision === 'approved' && rnd.chance(0.4) ? rnd.pick(APPROVAL_NOTES) : null,
        }).lastInsertRowid,
      );
      counts.assessments += 1;
    });
    latestAssessmentId = previousId;
  }

  const planStep = f.steps.find(([s]) => s === 'case_plan');
  const fromMs = (planStep ?? assessmentStep ?? f.steps[0]!)[1];

  // --- referrals ---------------------------------------------------------------------------------
  if (assessmentStep && capMs - fromMs > 3 * DAY && rnd.chance(f.closed ? 0.2 : 0.7)) {
    const n = rnd.weighted([[1, 70], [2, 25], [3, 5]] as const);
    const codes = referralTargets(f.concerns, f.disability);
    for (let k = 0; k < n; k += 1) {
      const inst = st.institutions.get(rnd.pick(codes)) ?? st.institutions.get('istanbul_family_social_services')!;
      const createdMs = fromMs + rnd.next() * Math.max(DAY, capMs - fromMs);
      const recent = f.nowMs - createdMs < 12 * DAY;
      const urgency: Urgency = f.priority === 'urgent' ? 'urgent' : f.priority === 'high' ? rnd.weighted([['priority', 70], ['urgent', 30]] as const) : rnd.weighted([['routine', 85], ['priority', 15]] as const);
      // Where it got to: closed cases finished every referral; open ones are anywhere on the way.
      const goal: ReferralState = f.closed
        ? rnd.weighted([['closed', 75], ['declined', 25]] as const)
        : recent
          ? rnd.weighted([['draft', 50], ['sent', 50]] as const)
          : rnd.weighted([['draft', 5], ['sent', 22], ['acknowledged', 18], ['service_started', 27], ['closed', 18], ['declined', 10]] as const);
      const legal = ['court', 'prosecutor', 'police', 'child_monitoring_centre'].includes(inst.type) || f.concerns.includes('sexual_abuse') || f.caregiver === null;
      const withConsent = goal !== 'draft' || rnd.chance(0.5);
      const codesOf = inst.services.filter((s) => st.serviceCodes.has(s));
      const services = codesOf.length ? rnd.sample(codesOf, rnd.int(1, Math.min(2, codesOf.length))) : [];
      const servicesOther = services.length ? null : rnd.pick(inst.services);
      const sections: ShareSection[] = ['identity', 'concerns', ...(rnd.chance(0.6) ? (['risk'] as const) : []), ...(rnd.chance(0.4) ? (['household'] as const) : []), ...(rnd.chance(0.3) ? (['services'] as const) : [])];
      const notes = f.noteIds.length && rnd.chance(0.25) ? rnd.sample(f.noteIds, Math.min(2, f.noteIds.length)) : [];
      if (notes.length) sections.push('notes');

      // The dated path: draft → sent → (acknowledged → service_started →) closed | declined; an open
      // case's referral stops where "now" is, a closed case's finished by the closure.
      const created = day(createdMs);
      const moments: Array<[ReferralState, number]> = [['draft', createdMs]];
      const route: Array<[ReferralState, number, number]> =
        goal === 'draft'
          ? []
          : goal === 'sent'
            ? [['sent', 0, 3]]
            : goal === 'declined'
              ? [['sent', 0, 3], ...(rnd.chance(0.5) ? ([['acknowledged', 1, 10]] as Array<[ReferralState, number, number]>) : []), ['declined', 2, 15]]
              : [
                  ['sent', 0, 3],
                  ['acknowledged', 1, 12],
                  ...(goal === 'service_started' || goal === 'closed' ? ([['service_started', 3, 20]] as Array<[ReferralState, number, number]>) : []),
                  ...(goal === 'closed' ? ([['closed', 20, 120]] as Array<[ReferralState, number, number]>) : []),
                ];
      for (const [to, lo, hi] of route) {
        const next = moments[moments.length - 1]![1] + rnd.int(lo, hi) * DAY;
        if (next > capMs && !f.closed) break;
        moments.push([to, Math.min(next, capMs)]);
      }
      const path = moments.map(([s, ms]) => [s, day(ms)] as const);
      const state = path[path.length - 1]![0];
      const dayOf = (s: ReferralState) => path.find(([p]) => p === s)?.[1] ?? null;
      const sentOn = dayOf('sent');
      const replyDueOn = sentOn ? addWorkingDays(sentOn, REPLY_WORKING_DAYS[urgency]) : null;
      const acknowledgedOn = dayOf('acknowledged');
      const startedOn = dayOf('service_started');
      const endedOn = dayOf('closed') ?? dayOf('declined');
      const replied = acknowledgedOn !== null && rnd.chance(0.7);
      const lastMs = moments[moments.length - 1]![1];
      const referralId = Number(
        st.referral.run({
          caseId: f.caseId,
          personId: rnd.chance(0.85) ? f.child.personId : null,
          institutionId: inst.id,
          services: JSON.stringify(services),
          servicesOther,
          urgency,
          reason: fill(rnd.pick(REFERRAL_REASONS[inst.type] ?? REFERRAL_REASONS.other!), texts),
          consentPersonId: withConsent && !legal ? f.caregiver!.personId : null,
          consentMethod: withConsent && !legal ? rnd.weighted([['written', 70], ['verbal', 30]] as const) : null,
          consentOn: withConsent && !legal ? created : null,
          legalGround: withConsent && legal ? rnd.pick(LEGAL_GROUNDS) : null,
          sharedSections: JSON.stringify(sections),
          sharedNoteIds: JSON.stringify(notes),
          state,
          sentOn,
          replyDueOn,
          acknowledgedOn,
          serviceStartedOn: startedOn,
          endedOn,
          outcome: state === 'closed' ? rnd.pick(REFERRAL_OUTCOMES) : null,
          declineReason: state === 'declined' ? rnd.pick(DECLINE_REASONS) : null,
          replyReceivedOn: replied ? acknowledgedOn : null,
          replyServiceStartedOn: replied ? startedOn : null,
          replyContactPerson: replied ? rnd.pick(CONTACT_PERSONS) : null,
          replyOutcome: replied ? rnd.pick(REPLY_OUTCOMES) : null,
          replyRecordedAt: replied ? iso(moments.find(([s]) => s === 'acknowledged')![1]) : null,
          replyRecordedBy: replied ? f.responsible : null,
          version: path.length + (replied ? 1 : 0),
          createdAt: iso(createdMs),
          updatedAt: iso(Math.max(createdMs, lastMs)),
          actor: f.responsible,
        }).lastInsertRowid,
      );
      moments.forEach(([to, ms], i) => st.referralHistory.run(referralId, i === 0 ? null : moments[i - 1]![0], to, day(ms), null, iso(ms), f.responsible));
      counts.referrals += 1;
      // The tasks the service leaves open: the reply (sent), the service start (acknowledged).
      if (state === 'sent') {
        task({ kind: 'referralReply', source: 'referral', sourceId: String(referralId), titleKey: 'tasks.referral.replyExpected', params: { institution: inst.name }, dueAt: dueAtOfDay(replyDueOn!), doneAt: null, now: iso(lastMs) });
      } else if (state === 'acknowledged') {
        const due = addWorkingDays(acknowledgedOn!, SERVICE_START_WORKING_DAYS);
        task({ kind: 'referralServiceStart', source: 'referral', sourceId: String(referralId), titleKey: 'tasks.referral.serviceStartExpected', params: { institution: inst.name }, dueAt: dueAtOfDay(due), doneAt: null, now: iso(lastMs) });
      }
    }
  }

  // --- court: cases a court deals with -----------------------------------------------------------
  const courtCase =
    planStep !== undefined &&
    (f.channel === 'court' ||
      (f.concerns.includes('sexual_abuse') && rnd.chance(0.45)) ||
      ((f.priority === 'urgent' || f.priority === 'high') && rnd.chance(f.closed ? 0.3 : 0.6)) ||
      rnd.chance(0.04));
  if (courtCase) {
    const courts = ['istanbul_child_court', 'istanbul_anadolu_child_court', 'istanbul_bakirkoy_child_court', ...(f.concerns.includes('domestic_violence') ? ['istanbul_family_court'] : [])];
    const court = st.institutions.get(rnd.pick(courts))!;
    const firstMs = planStep[1] + rnd.int(20, 90) * DAY;
    const fileNumber = `${new Date(firstMs).getFullYear()}/${rnd.int(100, 2400)} E.`;
    const judge = rnd.pick(JUDGES);
    // Between 09:00 and 15:30 in Istanbul (UTC+3) on the hearing's day.
    const hearingTime = (ms: number) => {
      const d = new Date(ms);
      d.setUTCHours(rnd.int(6, 12), rnd.pick([0, 30]), 0, 0);
      return d.getTime();
    };
    let heldOrders = 0;
    // Planned on relative moments (the same office for a seed whatever the day or time zone), dated on the day.
    for (let planned = firstMs, k = 0; planned <= capMs - DAY && k < 5; planned += rnd.int(60, 180) * DAY, k += 1) {
      const at = hearingTime(planned);
      const held = rnd.chance(0.8);
      const hearingId = Number(
        st.hearing.run({
          caseId: f.caseId,
          courtName: court.name,
          institution: court.id,
          fileNumber,
          hearingAt: iso(at),
          judge,
          toBring: rnd.pick(TO_BRING),
          status: held ? 'held' : 'postponed',
          outcome: held ? rnd.pick(HEARING_OUTCOMES) : rnd.pick(POSTPONED_OUTCOMES),
          version: 2,
          createdAt: iso(at - rnd.int(14, 40) * DAY),
          updatedAt: iso(at + 2 * HOUR),
          actor: f.responsible,
        }).lastInsertRowid,
      );
      counts.hearings += 1;
      if (!held) continue;
      const nOrders = heldOrders === 0 ? rnd.int(1, 3) : rnd.int(0, 1);
      for (const kind of rnd.sample(orderKinds(f.concerns, f.priority, f.disability), nOrders)) {
        heldOrders += 1;
        courtOrder(rnd, st, f, { hearingId, kind, orderedMs: planned, capMs }, task, counts);
      }
    }
    // The next hearing, for open cases.
    if (!f.closed && rnd.chance(0.8)) {
      const at = hearingTime(f.nowMs + rnd.int(4, 75) * DAY);
      const hearingId = Number(
        st.hearing.run({
          caseId: f.caseId,
          courtName: court.name,
          institution: court.id,
          fileNumber,
          hearingAt: iso(at),
          judge,
          toBring: rnd.pick(TO_BRING),
          status: 'scheduled',
          outcome: null,
          version: 1,
          createdAt: iso(f.nowMs - rnd.int(3, 30) * DAY),
          updatedAt: iso(f.nowMs - rnd.int(3, 30) * DAY),
          actor: f.responsible,
        }).lastInsertRowid,
      );
      counts.hearings += 1;
      const params = { court: court.name };
      const prepare = dueAtOfDay(format(new Date(at - HEARING_PREPARE_DAYS * DAY), 'yyyy-MM-dd'));
      const now = iso(f.nowMs - 3 * DAY);
      if (prepare > now && prepare < iso(at)) task({ kind: 'hearingPrepare', source: 'court', sourceId: `hearing:${hearingId}`, titleKey: 'tasks.court.prepareHearing', params, dueAt: prepare, doneAt: null, now });
      task({ kind: 'hearing', source: 'court', sourceId: `hearing:${hearingId}`, titleKey: 'tasks.court.hearingDay', params, dueAt: iso(at), doneAt: null, now });
    }
  }
  return { latestAssessmentId };
}

const ORDER_INSTITUTION: Record<OrderKind, string> = {
  shelter: 'istanbul_family_social_services',
  medical_examination: 'hospital_child_psychiatry',
  physical_therapy: 'istanbul_health_directorate',
  psychological_counselling_individual: 'ibb_psychological_counselling_centre',
  psychological_counselling_group: 'ibb_psychological_counselling_centre',
  psychological_counselling_family: 'isadem',
  education: 'istanbul_education_directorate',
  health_measure: 'istanbul_health_directorate',
  care_measure: 'istanbul_family_social_services',
  counselling_measure: 'isadem',
  other: 'yuvamiz_istanbul',
};

/** Order kinds a court is likely to make for the case (most likely first), always more than three. */
function orderKinds(concerns: readonly string[], priority: Priority | null, disability: boolean): OrderKind[] {
  const kinds: OrderKind[] = ['counselling_measure', 'psychological_counselling_individual'];
  if (priority === 'urgent' || concerns.includes('sexual_abuse')) kinds.push('shelter', 'medical_examination');
  if (concerns.some((c) => c.endsWith('_neglect'))) kinds.push('education', 'health_measure', 'care_measure');
  if (concerns.includes('domestic_violence') || concerns.includes('divorced_parents')) kinds.push('psychological_counselling_family', 'care_measure');
  if (disability) kinds.push('physical_therapy');
  kinds.push('psychological_counselling_group', 'education', 'other');
  return [...new Set(kinds)];
}

function courtOrder(
  rnd: Prng,
  st: RecordStatements,
  f: CaseFacts,
  o: { hearingId: number; kind: OrderKind; orderedMs: number; capMs: number },
  task: (t: Omit<TaskRow, 'caseId' | 'titleParams' | 'title' | 'priority' | 'priorityRank' | 'assignee' | 'doneBy' | 'createdBy'> & { params?: Record<string, string>; assignee?: string }) => void,
  counts: RecordCounts,
): void {
  const orderedOn = day(o.orderedMs);
  const dueOn = rnd.chance(0.9) ? day(o.orderedMs + rnd.int(30, 120) * DAY) : null;
  const byCaseworker = (o.kind === 'counselling_measure' || o.kind === 'other') && rnd.chance(0.4);
  const institution = byCaseworker ? null : st.institutions.get(ORDER_INSTITUTION[o.kind])!.id;
  // Compliance over time: pending → in progress → complied / not complied, never past the cap.
  const updates: Array<[string, number, string | null]> = [['pending', o.orderedMs, null]];
  const next = (status: 'in_progress' | 'complied' | 'not_complied', lo: number, hi: number) => {
    const at = updates[updates.length - 1]![1] + rnd.int(lo, hi) * DAY;
    if (at > o.capMs) return false;
    updates.push([status, at, rnd.pick(COMPLIANCE_NOTES[status])]);
    return true;
  };
  if (next('in_progress', 3, 30)) next(rnd.weighted([['complied', 80], ['not_complied', 20]] as const), 20, 150);
  if (f.closed && updates.length === 1) updates.push(['complied', Math.max(o.orderedMs, o.capMs), rnd.pick(COMPLIANCE_NOTES.complied)]);
  const compliance = updates[updates.length - 1]![0];
  const orderId = Number(
    st.order.run({
      caseId: f.caseId,
      hearingId: o.hearingId,
      personId: o.kind === 'psychological_counselling_family' || o.kind === 'counselling_measure' ? null : f.child.personId,
      kind: o.kind,
      description: ORDER_DESCRIPTIONS[o.kind] ?? null,
      orderedOn,
      institution,
      user: byCaseworker ? f.responsible : null,
      dueOn,
      compliance,
      version: updates.length,
      createdAt: iso(o.orderedMs + 3 * HOUR),
      updatedAt: iso(Math.max(o.orderedMs + 3 * HOUR, updates[updates.length - 1]![1])),
      actor: f.responsible,
    }).lastInsertRowid,
  );
  updates.forEach(([to, at, note], i) => st.orderUpdate.run(orderId, i === 0 ? null : updates[i - 1]![0], to, day(at), note, iso(Math.max(o.orderedMs + 3 * HOUR, at)), f.responsible));
  counts.orders += 1;
  if ((compliance === 'pending' || compliance === 'in_progress') && dueOn !== null && !f.closed) {
    task({ kind: 'courtOrder', source: 'court', sourceId: `order:${orderId}`, titleKey: `tasks.court.orderDue.${o.kind}`, dueAt: dueAtOfDay(dueOn), doneAt: null, now: iso(o.orderedMs + 3 * HOUR) });
  }
}

/** Institutions (directory codes) the unit refers a case with these concerns to. */
function referralTargets(concerns: readonly string[], disability: boolean): string[] {
  const codes = ['ibb_psychological_counselling_centre', 'istanbul_family_social_services', 'isadem'];
  if (concerns.includes('sexual_abuse')) codes.push('child_monitoring_centre', 'istanbul_prosecutor_child_bureau', 'hospital_child_psychiatry');
  if (concerns.includes('domestic_violence')) codes.push('ibb_womens_counselling_unit', 'istanbul_police_child_branch');
  if (concerns.includes('educational_neglect') || concerns.includes('bullying')) codes.push('istanbul_education_directorate');
  if (concerns.includes('health_neglect')) codes.push('istanbul_health_directorate');
  if (concerns.includes('economic_exploitation') || concerns.includes('child_labour')) codes.push('ibb_employment_office', 'district_governorates');
  if (concerns.some((c) => ['anxiety_problems', 'traumatic_processes', 'substance_abuse', 'addiction'].includes(c))) codes.push('hospital_child_psychiatry');
  if (disability) codes.push('ibb_directorate_disabled');
  codes.push('district_municipalities', 'yuvamiz_istanbul');
  return codes;
}

/** The domain of a criterion id (tests check answered and screened domains with it). */
export const domainOf = (criterionId: string): string | undefined => CRITERION_DOMAIN.get(criterionId);

export interface DemoShowcase {
  caseId: number;
  caseNumber: string;
  /** The case's latest approved assessment (an assessment summary prints from it). */
  assessmentId: number;
  /** A referral of the case that was sent (a referral letter prints from it). */
  referralId: number;
  /** The case's next hearing. */
  hearingId: number;
}

/**
 * The first open case that shows the whole product: an approved Urgent/High
 * assessment (so also a supervisor's decision), a sent referral, past and
 * upcoming hearings and orders. The README's and the e2e test's example.
 */
export function demoShowcase(db: Db): DemoShowcase | null {
  const row = db
    .prepare(
      `SELECT c.id AS caseId, c.case_number AS caseNumber,
         (SELECT max(a.id) FROM assessments a WHERE a.case_id = c.id AND a.status = 'approved') AS assessmentId,
         (SELECT min(r.id) FROM referrals r WHERE r.case_id = c.id AND r.state <> 'draft') AS referralId,
         (SELECT min(h.id) FROM court_hearings h WHERE h.case_id = c.id AND h.status = 'scheduled') AS hearingId
       FROM cases c
       WHERE c.status <> 'closed' AND c.priority IN ('urgent', 'high')
         AND EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = c.id AND a.status = 'approved' AND a.final_level IN ('urgent', 'high'))
         AND EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id AND r.state <> 'draft')
         AND EXISTS (SELECT 1 FROM court_hearings h WHERE h.case_id = c.id AND h.status = 'scheduled')
         AND EXISTS (SELECT 1 FROM court_orders o WHERE o.case_id = c.id)
       ORDER BY c.id LIMIT 1`,
    )
    .get() as DemoShowcase | undefined;
  return row ?? null;
}
