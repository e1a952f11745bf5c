/**
 * The calendar (issue 17): planned visits (planned_visits, migration 19) and, read-only,
 * hearings, task deadlines and referral reply days of the cases in the actor's sight.
 * Owns the SQL of planned_visits.
 */
import { CALENDAR_MAX_DAYS, CALENDAR_MAX_EVENTS, type CalendarEvent, type CalendarOutput, type PlannedVisit, type VisitRecord } from '../../../shared/api/methods/calendar';
import { CodedError } from '../../../shared/api/envelope';
import type { Priority } from '../../../shared/api/schemas/cases';
import { holidaysBetween } from '../../../shared/time/holidays';
import { dayEndUtc, dayOfMoment, dayStartUtc, daysBetween, localTime } from '../../../shared/time/localDays';
import { visibleSql, type Actor } from '../cases/access';
import type { UserLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import { getDraft, saveDraft } from '../drafts/draftsRepo';

/** A visit or hearing after the case was sent to another office is that office's, not on this calendar (history before it stays). */
const BEFORE_TRANSFER = (at: string) => `(c.transferred_at IS NULL OR ${at} < c.transferred_at)`;

interface Row {
  id: number;
  case_id: number;
  case_number: string;
  at: string;
  priority: Priority | null;
  user_id: string | null;
  title_key: string | null;
  title_params: string | null;
  title: string | null;
  done: number;
}

export function calendarEvents(db: Db, actor: Actor, input: { from: string; to: string; caseworkerId?: string | undefined }, users: UserLookup): CalendarOutput {
  if (input.to < input.from || daysBetween(input.from, input.to) >= CALENDAR_MAX_DAYS) throw new CodedError('calendar.rangeInvalid', { field: 'to' });
  const visible = visibleSql(actor, 'c.id');
  const params: Record<string, string | number> = {
    start: dayStartUtc(input.from),
    end: dayEndUtc(input.to),
    fromDay: input.from,
    toDay: input.to,
    limit: CALENDAR_MAX_EVENTS + 1,
  };
  if (visible) params.viewer = actor.userId;
  if (input.caseworkerId) params.cw = input.caseworkerId;
  const where = (extra: string, cwClause: string) => [extra, visible, input.caseworkerId ? cwClause : ''].filter(Boolean).join(' AND ');
  const queries: Array<{ kind: CalendarEvent['kind'] | 'visit'; sql: string; timed: boolean }> = [
    {
      kind: 'visit',
      timed: true,
      sql: `SELECT v.id, v.case_id, c.case_number, v.starts_at AS at, c.priority, v.visitor_user_id AS user_id,
              v.kind AS title_key, NULL AS title_params, NULL AS title,
              EXISTS (SELECT 1 FROM notes n WHERE n.case_id = v.case_id AND n.type = v.kind AND n.occurred_at >= v.starts_at) AS done
            FROM planned_visits v JOIN cases c ON c.id = v.case_id
            WHERE ${where(`v.starts_at >= @start AND v.starts_at < @end AND v.cancelled_at IS NULL AND ${BEFORE_TRANSFER('v.starts_at')}`, '(v.visitor_user_id = @cw OR c.responsible_user_id = @cw)')}
            ORDER BY v.starts_at LIMIT @limit`,
    },
    {
      kind: 'hearing',
      timed: true,
      sql: `SELECT h.id, h.case_id, c.case_number, h.hearing_at AS at, c.priority, c.responsible_user_id AS user_id,
              NULL AS title_key, NULL AS title_params, h.court_name AS title, h.status = 'held' AS done
            FROM court_hearings h JOIN cases c ON c.id = h.case_id
            WHERE ${where(`h.hearing_at >= @start AND h.hearing_at < @end AND h.status IN ('scheduled', 'held') AND ${BEFORE_TRANSFER('h.hearing_at')}`, 'c.responsible_user_id = @cw')}
            ORDER BY h.hearing_at LIMIT @limit`,
    },
    {
      kind: 'task',
      timed: false,
      sql: `SELECT t.id, t.case_id, c.case_number, t.due_at AS at, coalesce(t.priority, c.priority) AS priority,
              coalesce(t.assignee_user_id, c.responsible_user_id) AS user_id, t.title_key, t.title_params, t.title, t.done_at IS NOT NULL AS done
            FROM tasks t JOIN cases c ON c.id = t.case_id
            WHERE ${where('t.due_at >= @start AND t.due_at < @end AND t.cancelled = 0', 'coalesce(t.assignee_user_id, c.responsible_user_id) = @cw')}
            ORDER BY t.due_at LIMIT @limit`,
    },
    {
      kind: 'referralReply',
      timed: false,
      sql: `SELECT r.id, r.case_id, c.case_number, r.reply_due_on AS at, c.priority, c.responsible_user_id AS user_id,
              NULL AS title_key, NULL AS title_params, i.name AS title, r.state <> 'sent' AS done
            FROM referrals r JOIN cases c ON c.id = r.case_id JOIN institutions i ON i.id = r.institution_id
            WHERE ${where("r.reply_due_on >= @fromDay AND r.reply_due_on <= @toDay AND r.state IN ('sent', 'acknowledged', 'service_started', 'closed') AND (c.transferred_at IS NULL OR r.state <> 'sent')", 'c.responsible_user_id = @cw')}
            ORDER BY r.reply_due_on LIMIT @limit`,
    },
  ];
  let truncated = false;
  const events: CalendarEvent[] = [];
  for (const q of queries) {
    const rows = db.prepare(q.sql).all(params) as Row[];
    if (rows.length > CALENDAR_MAX_EVENTS) {
      truncated = true;
      rows.length = CALENDAR_MAX_EVENTS;
    }
    for (const r of rows) {
      const kind: CalendarEvent['kind'] = q.kind === 'visit' ? (r.title_key as 'home_visit' | 'interview') : q.kind;
      events.push({
        kind,
        id: r.id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        day: dayOfMoment(r.at),
        at: q.timed ? r.at : null,
        priority: r.priority,
        user: r.user_id ? users(r.user_id) : null,
        titleKey: q.kind === 'visit' ? `calendar.kind.${kind}` : r.title_key,
        titleParams: r.title_params ? (JSON.parse(r.title_params) as Record<string, string | number>) : {},
        title: r.title,
        done: r.done === 1,
      });
    }
  }
  events.sort((a, b) => (a.day === b.day ? (a.at ?? '~').localeCompare(b.at ?? '~') || a.kind.localeCompare(b.kind) || a.id - b.id : a.day < b.day ? -1 : 1));
  const holidays = holidaysBetween(input.from, input.to).map((h) => ({ day: h.day, kind: h.kind, nameKey: h.nameKey, halfDay: h.halfDay }));
  return { holidays, events, truncated };
}

/** The visit note's skeleton: the headings a visit note answers, to fill in after the visit. */
export const VISIT_NOTE_SKELETON: Record<'tr' | 'en', string> = {
  tr: 'Ziyaretin amacı:\n\nGörülenler (ev, çocuk, bakım veren):\n\nGörüşülenler ve söylenenler:\n\nRisk ve güvenlik değerlendirmesi:\n\nSonraki adımlar:\n',
  en: 'Purpose of the visit:\n\nObserved (home, child, caregivers):\n\nSpoken with, and what was said:\n\nRisk and safety:\n\nNext steps:\n',
};

/**
 * Plans a visit and prepares the visitor's note draft on the case (drafts key 'note:<caseId>', the
 * notes form's own): type, day and time of the visit, and the skeleton to fill in. A draft the
 * visitor already has open on this case is kept as it is (`draftPrepared: false`).
 */
export function planVisit(
  db: Db,
  input: { caseId: number; kind: 'home_visit' | 'interview'; startsAt: string; visitorUserId: string; language: 'tr' | 'en' },
  actorId: string,
  now: Date,
  users: UserLookup,
): PlannedVisit {
  const at = now.toISOString();
  const id = Number(
    db
      .prepare('INSERT INTO planned_visits (case_id, kind, starts_at, visitor_user_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.caseId, input.kind, input.startsAt, input.visitorUserId, at, actorId).lastInsertRowid,
  );
  const key = `note:${input.caseId}`;
  let draftPrepared = false;
  if (!getDraft(db, input.visitorUserId, key)) {
    const draft = {
      noteId: null,
      draft: {
        type: input.kind,
        day: dayOfMoment(input.startsAt),
        time: localTime(input.startsAt),
        people: [],
        others: '',
        visitRefused: false,
        body: VISIT_NOTE_SKELETON[input.language],
      },
    };
    saveDraft(db, input.visitorUserId, { key, route: `/cases/${input.caseId}?tab=notes`, data: JSON.stringify(draft) }, now);
    draftPrepared = true;
  }
  return { id, caseId: input.caseId, kind: input.kind, startsAt: input.startsAt, visitor: users(input.visitorUserId), draftPrepared };
}

/** Cancels a planned visit with its reason (migration 26); refused for one already cancelled or of another case. */
export function cancelVisit(db: Db, caseId: number, visitId: number, reason: string, actorId: string, now: Date): void {
  const changed = db
    .prepare('UPDATE planned_visits SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ? AND case_id = ? AND cancelled_at IS NULL')
    .run(now.toISOString(), actorId, reason, visitId, caseId).changes;
  if (changed !== 1) throw new CodedError('calendar.visitNotFound', { field: 'visitId' });
}

interface VisitRow {
  id: number;
  case_id: number;
  kind: VisitRecord['kind'];
  starts_at: string;
  visitor_user_id: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

/** The planned visits of a case, the latest first (cancelled ones included). */
export function visitsOfCase(db: Db, caseId: number, users: UserLookup, visitId?: number): VisitRecord[] {
  const rows = db
    .prepare(
      `SELECT id, case_id, kind, starts_at, visitor_user_id, cancelled_at, cancelled_by, cancel_reason FROM planned_visits
        WHERE case_id = ? AND (? IS NULL OR id = ?) ORDER BY starts_at DESC, id DESC`,
    )
    .all(caseId, visitId ?? null, visitId ?? null) as VisitRow[];
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    startsAt: r.starts_at,
    visitor: users(r.visitor_user_id),
    cancelled: r.cancelled_at ? { by: users(r.cancelled_by ?? ''), at: r.cancelled_at, reason: r.cancel_reason ?? '' } : null,
  }));
}
