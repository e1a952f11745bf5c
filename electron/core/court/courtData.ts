/**
 * The court side of a case, for the court report (issue 7; documents area):
 * the court and file number the report is addressed to, every hearing, every
 * order with its compliance history, and the case's referrals with their
 * outcomes ("services and referrals with outcomes"). Plain typed objects;
 * codes stay codes (order kind, compliance, referral state …) so the printer
 * renders them in the report's language. The child, family, chronology and
 * assessments come from the cases and assessments areas.
 * Visibility: the actor must see the case ('cases.notFound'). Reads only.
 */
import type { CaseStatus, Priority } from '../../../shared/api/schemas/cases';
import type { ComplianceStatus, CourtOrder, Hearing, HearingStatus, OrderKind } from '../../../shared/api/schemas/court';
import type { InstitutionType, ReferralState, Urgency } from '../../../shared/api/schemas/referrals';
import type { Actor } from '../cases/access';
import { requireCase } from '../cases/casesRepo';
import { userLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import { labelled, type Labelled } from '../referrals/letterData';
import { referralsForCase } from '../referrals/referralsService';
import { courtForCase } from './courtService';

export type { ComplianceStatus, HearingStatus, OrderKind };

export interface CourtCaseData {
  case: { id: number; caseNumber: string; status: CaseStatus; priority: Priority | null; openedAt: string; responsible: string };
  /**
   * Whom the report is for: the next scheduled hearing's court and file
   * number, or else the latest hearing's; null when the case has no hearing.
   */
  court: { name: string; fileNumber: string | null; judge: string | null; hearingAt: string } | null;
  nextHearing: Hearing | null;
  /** Oldest first (a chronology). */
  hearings: Hearing[];
  /** Oldest first, each with its dated compliance updates (`updates`). */
  orders: CourtOrder[];
  referrals: Array<{
    id: number;
    institution: { id: number; name: string; type: InstitutionType };
    services: Labelled[];
    servicesOther: string | null;
    urgency: Urgency;
    state: ReferralState;
    sentOn: string | null;
    acknowledgedOn: string | null;
    serviceStartedOn: string | null;
    endedOn: string | null;
    outcome: string | null;
    declineReason: string | null;
    replyOutcome: string | null;
  }>;
}

export function courtDataForCase(db: Db, actor: Actor, caseId: number, now: Date = new Date()): CourtCaseData {
  const { hearings, orders } = courtForCase(db, actor, caseId, now);
  const kase = requireCase(db, caseId);
  const chronological = [...hearings].sort((a, b) => a.hearingAt.localeCompare(b.hearingAt) || a.id - b.id);
  const nowIso = now.toISOString();
  const nextHearing = chronological.find((h) => h.status === 'scheduled' && h.hearingAt >= nowIso) ?? null;
  const basis = nextHearing ?? chronological.at(-1) ?? null;
  const referrals = referralsForCase(db, actor, caseId, now)
    .filter((r) => r.state !== 'draft')
    .reverse()
    .map((r) => ({
      id: r.id,
      institution: r.institution,
      services: labelled(db, 'service', r.services),
      servicesOther: r.servicesOther,
      urgency: r.urgency,
      state: r.state,
      sentOn: r.sentOn,
      acknowledgedOn: r.acknowledgedOn,
      serviceStartedOn: r.serviceStartedOn,
      endedOn: r.endedOn,
      outcome: r.outcome,
      declineReason: r.declineReason,
      replyOutcome: r.reply?.outcome ?? null,
    }));
  return {
    case: {
      id: kase.id,
      caseNumber: kase.case_number,
      status: kase.status,
      priority: kase.priority,
      openedAt: kase.opened_at,
      responsible: userLookup(db)(kase.responsible_user_id).displayName,
    },
    court: basis ? { name: basis.courtName, fileNumber: basis.fileNumber, judge: basis.judge, hearingAt: basis.hearingAt } : null,
    nextHearing,
    hearings: chronological,
    orders: [...orders].sort((a, b) => a.orderedOn.localeCompare(b.orderedOn) || a.id - b.id),
    referrals,
  };
}
