/**
 * Period statistics: one object with every figure, for the screen, the CLI's
 * JSON, the CSV and the PDF (so they cannot disagree).
 *
 * Counting rules
 * - Period: local calendar days [from, to], both included. Moments (reports,
 *   assessments, closures, deadlines) are compared in the workstation's time
 *   zone; services are dated by day.
 * - Who sees what: supervisors (case:readAll) and the administrator (who holds
 *   no case permission, only the aggregate 'stats:read') get the whole office;
 *   a caseworker gets only the cases they are responsible for or co-work on.
 *   The caseworker filter keeps the cases a user is responsible for (now).
 * - Reports: intakes received in the period (first reports, repeat reports,
 *   reopenings). New cases: cases opened in the period (their first report was
 *   received in it).
 * - Concerns: seed 000 publishes each category's share of its applications, and
 *   an application often names several concerns. We count each reported case
 *   ONCE PER CONCERN it was reported for in the period (several reports of the
 *   same concern on one case count once); `count` is the number of cases with
 *   that concern, and `percent` is its share of all such case–concern mentions,
 *   so the percentages add up to 100 (largest remainder, one decimal) while
 *   the counts add up to more than the number of cases when cases carry
 *   several concerns (`casesWithSeveral` says how many).
 * - Channels: each report counts once, by its channel; percent of reports.
 * - Active cases: open at some moment of the period (reported before it ended,
 *   not closed before it began). Priority at first assessment: the final level
 *   of the case's first assessment ('unassessed' if none yet); priority and
 *   status now: as they stand when the statistics are produced (the PDF prints
 *   that moment).
 * - Children served: distinct people in the role 'child' of the active cases
 *   (siblings and adults are not counted). Households: distinct households of
 *   the active cases.
 * - Services: records delivered in the period by type (count) and their
 *   sessions; people reached = distinct recipients.
 * - Assessments: recorded in the period, by final level.
 * - Risk-tool deadlines: every assessment sets a re-assessment deadline (its
 *   'assessment' task: Urgent/High 7 days, Medium 14 days, Low 1 month; a level
 *   without one falls back to its 'firstContact' task; 'No risk' sets none).
 *   A deadline counts in the period its due date falls in. It was met on time
 *   when the case's next assessment was recorded at or before the due moment,
 *   late when after it; if no assessment followed, a task marked done by hand
 *   counts by its completion time; still open: overdue once the due moment has
 *   passed, else pending; a task withdrawn without an assessment (the case was
 *   closed) is 'withdrawn'. On-time rate = on time / (on time + late + overdue).
 * - Referrals: sent in the period (drafts are not counted), by institution and
 *   by their state now ('sent' = still awaiting a reply). Days to reply: from
 *   the day sent to the institution's first answer (acknowledgement, reply
 *   slip, service start or refusal, whichever came first); the median is over
 *   the referrals answered so far.
 * - Court: hearings held in the period (postponed or cancelled ones are not);
 *   orders made in the period by their compliance now.
 * - Suppression: see tables.ts.
 */
import { CodedError } from '../../../shared/api/envelope';
import { CASE_STATUSES, PRIORITIES } from '../../../shared/api/schemas/cases';
import { DEADLINE_OUTCOMES, type DeadlineOutcome, type Labels, type StatFigure, type StatsOptions, type StatsPeriod, type StatsQuery, type StatTable } from '../../../shared/api/schemas/stats';
import { can, type Role } from '../../../shared/auth/permissions';
import { localDay } from '../../../shared/time/localDays';
import type { Db } from '../db/open';
import { findUserById, listUsers } from '../users/usersRepo';
import { periodOf, type Period } from './period';
import { lookups, statsQueries, type StatsScope } from './statsRepo';
import { buildCube, buildTables, figure, totalFigure, weightedMedian, type CubeRow, type TableSpec } from './tables';

export const PRIORITY_KEYS = [...PRIORITIES, 'unassessed'] as const;
/** A referral's state now: 'sent' = still awaiting the institution's reply. */
export const REFERRAL_OUTCOMES = ['sent', 'acknowledged', 'service_started', 'closed', 'declined'] as const;
export const ORDER_COMPLIANCE = ['pending', 'in_progress', 'complied', 'not_complied'] as const;

export interface StatsActor {
  userId: string;
  roles: readonly Role[];
}

/** 'all' for supervisors and for the aggregate-only administrator; 'own' for caseworkers. */
export function statsScopeOf(roles: readonly Role[]): 'all' | 'own' {
  return can(roles, 'case:readAll') || !can(roles, 'case:read') ? 'all' : 'own';
}

export interface ComputeOptions {
  now: Date;
  /** Called between the queries (progress); awaited, so the caller may yield to the event loop. */
  onStep?: (done: number, total: number) => Promise<void> | void;
}

const STEPS = 7;

function scopeFor(db: Db, actor: StatsActor, caseworkerId: string | undefined): { scope: StatsScope; caseworker: StatsPeriod['caseworker']; kind: 'all' | 'own' } {
  const kind = statsScopeOf(actor.roles);
  let caseworker: StatsPeriod['caseworker'] = null;
  if (caseworkerId) {
    const user = findUserById(db, caseworkerId);
    if (!user) throw new CodedError('stats.caseworkerNotFound', { field: 'caseworkerId' });
    caseworker = { id: user.id, displayName: user.displayName };
  }
  return { scope: { viewer: kind === 'own' ? actor.userId : null, caseworker: caseworker?.id ?? null }, caseworker, kind };
}

function labelMaps(db: Db) {
  const maps = { concern: new Map<string, Labels>(), channel: new Map<string, Labels>(), service: new Map<string, Labels>() };
  const active = { concern: [] as string[], channel: [] as string[], service: [] as string[] };
  for (const row of lookups(db)) {
    const kind = row.kind as keyof typeof maps;
    if (!maps[kind]) continue;
    maps[kind].set(row.code, { tr: row.tr, en: row.en });
    if (row.active) active[kind].push(row.code);
  }
  return { maps, active };
}

const one = (id: string, cell: TableSpec['cell']): TableSpec => ({ id, cell, keys: ['all'] });

export function deadlineOutcome(row: { due: string; done: string | null; cancelled: number; next: string | null }, now: Date): DeadlineOutcome {
  if (row.next !== null) return row.next <= row.due ? 'onTime' : 'late';
  if (row.done !== null && row.cancelled === 0) return row.done <= row.due ? 'onTime' : 'late';
  if (row.done !== null) return 'withdrawn';
  return row.due < now.toISOString() ? 'overdue' : 'pending';
}

export async function computeStats(db: Db, actor: StatsActor, query: StatsQuery, options: ComputeOptions): Promise<StatsPeriod> {
  const period: Period = periodOf(query.from, query.to);
  const k = query.suppressBelow ?? null;
  const { scope, caseworker, kind } = scopeFor(db, actor, query.caseworkerId);
  const q = statsQueries(db, period, scope);
  const { maps, active: activeCodes } = labelMaps(db);
  const monthKeys = period.months.map((m) => m.key);
  const monthOf = (row: CubeRow): string => row.dims.m!;
  let step = 0;
  const progress = async () => {
    step += 1;
    await options.onStep?.(step, STEPS);
  };

  // 1 — reports: by channel, by month, new cases by month.
  const reportRows: CubeRow[] = q.reports().map((r) => ({ dims: { channel: r.channel, m: monthKeys[r.m]!, opens: String(r.opens) }, n: r.n }));
  const reports = buildTables(
    reportRows,
    [
      { id: 'channels', cell: (r) => r.dims.channel!, keys: activeCodes.channel, labels: maps.channel, percent: true, byCount: true },
      { id: 'monthly', cell: monthOf, keys: monthKeys },
      { id: 'newMonthly', cell: (r) => (r.dims.opens === '1' ? monthOf(r) : null), keys: monthKeys },
      one('total', () => 'all'),
      one('newTotal', (r) => (r.dims.opens === '1' ? 'all' : null)),
    ],
    k,
  );
  await progress();

  // 2 — concerns (case–concern mentions).
  const concernRows: CubeRow[] = q.concerns().map((r) => ({ dims: { concern: r.concern }, n: r.n }));
  const concerns = buildTables(concernRows, [{ id: 'concerns', cell: (r) => r.dims.concern!, keys: activeCodes.concern, labels: maps.concern, percent: true, byCount: true }], k);
  const reported = q.reportedCases();
  await progress();

  // 3 — active cases: status, priority first and now; distinct children and households; closures.
  const activeCases = q.active();
  const activeCounts = new Map<string, CubeRow>();
  for (const r of activeCases) {
    const key = `${r.status}|${r.first}|${r.now}`;
    const row = activeCounts.get(key);
    if (row) row.n += 1;
    else activeCounts.set(key, { dims: { status: r.status, first: r.first, now: r.now }, n: 1 });
  }
  const activeRows = [...activeCounts.values()];
  const active = buildTables(
    activeRows,
    [
      { id: 'status', cell: (r) => r.dims.status!, keys: CASE_STATUSES, percent: true },
      { id: 'first', cell: (r) => r.dims.first!, keys: PRIORITY_KEYS, percent: true },
      { id: 'now', cell: (r) => r.dims.now!, keys: PRIORITY_KEYS, percent: true },
      one('total', () => 'all'),
    ],
    k,
  );
  const children = q.children(activeCases.map((r) => r.id));
  const households = new Set(activeCases.map((r) => r.household)).size;
  const closed = q.closed();
  await progress();

  // 4 — services.
  const serviceRows: CubeRow[] = q.services().map((r) => ({ dims: { service: r.service, m: monthKeys[r.m]! }, n: r.n, sessions: r.sessions }));
  const services = buildTables(
    serviceRows,
    [
      { id: 'services', cell: (r) => r.dims.service!, keys: activeCodes.service, labels: maps.service, percent: true, byCount: true, sessions: true },
      { id: 'monthly', cell: monthOf, keys: monthKeys },
      { ...one('total', () => 'all'), sessions: true },
    ],
    k,
  );
  const servicePeople = q.servicePeople();
  await progress();

  // 5 — assessments and the risk-tool deadlines.
  const assessmentRows: CubeRow[] = q.assessments().map((r) => ({ dims: { level: r.level, m: monthKeys[r.m]! }, n: r.n }));
  const assessments = buildTables(
    assessmentRows,
    [{ id: 'levels', cell: (r) => r.dims.level!, keys: PRIORITIES, percent: true }, { id: 'monthly', cell: monthOf, keys: monthKeys }, one('total', () => 'all')],
    k,
  );
  const outcomeCounts = new Map<DeadlineOutcome, number>();
  for (const row of q.deadlines()) {
    const outcome = deadlineOutcome(row, options.now);
    outcomeCounts.set(outcome, (outcomeCounts.get(outcome) ?? 0) + 1);
  }
  const deadlines = buildTables(
    [...outcomeCounts].map(([outcome, n]) => ({ dims: { outcome }, n })),
    [{ id: 'deadlines', cell: (r) => r.dims.outcome!, keys: DEADLINE_OUTCOMES, percent: true }],
    k,
  ).deadlines!;
  await progress();

  // 6 — referrals and court (migration 4; absent in a vault that predates it).
  const empty: StatTable = { cells: [], total: 0, hiddenCells: 0 };
  let referrals: StatsPeriod['referrals'] = { available: false, byInstitution: empty, byOutcome: empty, medianReplyDays: { value: null, hidden: false }, replied: { value: 0, hidden: false } };
  let court: StatsPeriod['court'] = { available: false, hearingsHeld: { value: 0, hidden: false }, ordersByCompliance: empty };
  let referralCount = 0;
  let referralTotal: StatFigure = { value: 0, hidden: false };
  let courtCount = 0;
  if (q.hasReferrals()) {
    const institutions = q.institutions();
    const names = new Map(institutions.map((i) => [String(i.id), { tr: i.name, en: i.name }]));
    const raw = q.referrals();
    const rows: CubeRow[] = raw.map((r) => ({ dims: { institution: String(r.institution), state: r.state, replied: r.days === null ? '0' : '1' }, n: r.n }));
    const { tables, kept } = buildCube(
      rows,
      [
        { id: 'institutions', cell: (r) => r.dims.institution!, keys: institutions.filter((i) => i.active).map((i) => String(i.id)), labels: names, percent: true, byCount: true },
        { id: 'outcomes', cell: (r) => r.dims.state!, keys: REFERRAL_OUTCOMES, percent: true },
        one('replied', (r) => (r.dims.replied === '1' ? 'all' : null)),
        one('total', () => 'all'),
      ],
      k,
    );
    const replied = totalFigure(tables.replied!);
    const median = weightedMedian(raw.flatMap((r, i) => (kept[i] && r.days !== null ? [{ value: r.days, n: r.n }] : [])));
    referralTotal = totalFigure(tables.total!);
    referrals = {
      available: true,
      byInstitution: tables.institutions!,
      byOutcome: tables.outcomes!,
      medianReplyDays: replied.hidden ? { value: null, hidden: true } : { value: median, hidden: false },
      replied,
    };
    referralCount = raw.reduce((a, r) => a + r.n, 0);
    const hearings = q.hearingsHeld();
    const orderRows: CubeRow[] = q.orders().map((r) => ({ dims: { compliance: r.compliance }, n: r.n }));
    court = {
      available: true,
      hearingsHeld: figure(hearings, k),
      ordersByCompliance: buildTables(orderRows, [{ id: 'orders', cell: (r) => r.dims.compliance!, keys: ORDER_COMPLIANCE, percent: true }], k).orders!,
    };
    courtCount = hearings + orderRows.reduce((a, r) => a + r.n, 0);
  }
  await progress();

  // 7 — the summary.
  const cellCount = (table: StatTable, key: string): number | null => {
    const cell = table.cells.find((c) => c.key === key);
    return cell ? (cell.hidden ? null : cell.count) : 0;
  };
  const onTime = cellCount(deadlines, 'onTime');
  const late = cellCount(deadlines, 'late');
  const overdue = cellCount(deadlines, 'overdue');
  const rate: StatFigure =
    onTime === null || late === null || overdue === null
      ? { value: null, hidden: true }
      : { value: onTime + late + overdue === 0 ? null : Math.round((onTime * 1000) / (onTime + late + overdue)) / 10, hidden: false };
  const servicesTotal = services.total!;
  const sessions: StatFigure = servicesTotal.cells[0]?.hidden ? { value: null, hidden: true } : { value: servicesTotal.sessions ?? 0, hidden: false };

  const raw = (rows: CubeRow[]) => rows.reduce((a, r) => a + r.n, 0);
  const hasData =
    raw(reportRows) + raw(activeRows) + raw(serviceRows) + raw(assessmentRows) + [...outcomeCounts.values()].reduce((a, b) => a + b, 0) + closed + referralCount + courtCount > 0;
  await progress();

  return {
    period: { from: period.from, to: period.to, days: period.days, months: monthKeys },
    caseworker,
    scope: kind,
    suppressBelow: k,
    generatedAt: options.now.toISOString(),
    hasData,
    summary: {
      newCases: totalFigure(reports.newTotal!),
      reports: totalFigure(reports.total!),
      reportedCases: figure(reported.cases, k),
      activeCases: totalFigure(active.total!),
      closedCases: figure(closed, k),
      childrenServed: figure(children, k),
      householdsServed: figure(households, k),
      services: totalFigure(servicesTotal),
      serviceSessions: sessions,
      servicePeople: figure(servicePeople, k),
      assessmentsDone: totalFigure(assessments.total!),
      deadlinesOnTimeRate: rate,
      referrals: referralTotal,
      hearingsHeld: court.hearingsHeld,
    },
    concerns: { ...concerns.concerns!, casesWithSeveral: figure(reported.several, k) },
    channels: reports.channels!,
    priorityFirst: active.first!,
    priorityNow: active.now!,
    status: active.status!,
    services: services.services!,
    assessmentLevels: assessments.levels!,
    deadlines,
    referrals,
    court,
    monthly: { newCases: reports.newMonthly!, reports: reports.monthly!, assessments: assessments.monthly!, services: services.monthly! },
  };
}

export function statsOptions(db: Db, actor: StatsActor): StatsOptions {
  const kind = statsScopeOf(actor.roles);
  const q = statsQueries(db, periodOf('2000-01-01', '2000-01-01'), { viewer: kind === 'own' ? actor.userId : null, caseworker: null });
  const first = q.firstDay();
  const caseworkers =
    kind === 'all'
      ? listUsers(db)
          .filter((u) => u.roles.some((r) => r === 'caseworker' || r === 'supervisor'))
          .map((u) => ({ id: u.id, displayName: u.displayName }))
      : [];
  return { scope: kind, caseworkers, firstDay: first ? localDay(new Date(first)) : null };
}

export { localDay };
