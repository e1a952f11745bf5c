/**
 * The demo office's assessments, referrals, hearings and orders (issue 16):
 * valid by the domain services' own rules, the same for a seed at any "now"
 * and in any time zone, and usable by the services afterwards.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERRAL_TRANSITIONS, REPLY_WORKING_DAYS, type ReferralState, type Urgency } from '../../shared/api/schemas/referrals';
import { ORDER_KINDS } from '../../shared/api/schemas/court';
import { assess } from '../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import { LEVEL_IDS } from '../../shared/risk-tool/types';
import { decideAssessment, getAssessment, MIN_REASON_LENGTH } from '../../electron/core/assessments/assessmentsService';
import type { Actor } from '../../electron/core/cases/access';
import type { Db } from '../../electron/core/db/open';
import { generateDemo } from '../../electron/core/demo/generate';
import { Prng } from '../../electron/core/demo/prng';
import { CONCERN_DOMAINS, demoAnswers, demoShowcase, domainOf } from '../../electron/core/demo/records';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { transitionReferral } from '../../electron/core/referrals/referralsService';
import { addWorkingDays } from '../../electron/core/referrals/workingDays';
import { cli } from '../fixtures/cli';
import { ADMIN, createdVault, tempDir } from '../fixtures/vaults';

const NOW = new Date('2026-06-15T09:00:00Z');
const DAY = 86_400_000;

async function demoVault(cases: number, seed: number, now = NOW) {
  const { vault } = await createdVault();
  await vault.unlock(ADMIN.username, ADMIN.password);
  const staff = await ensureDemoStaff(vault, cases, null);
  const result = generateDemo(vault.database, { cases, seed, now, staff, chunk: 100 });
  return { vault, db: vault.database, result, staff };
}

describe('demo answers', () => {
  it('make the engine compute the intended level from the concerns, and screen every other domain', () => {
    const rnd = new Prng(5);
    const allDomains = INSTRUMENT.domains.map((d) => d.id);
    for (const concern of Object.keys(CONCERN_DOMAINS)) {
      for (const level of LEVEL_IDS) {
        for (let k = 0; k < 5; k += 1) {
          const answers = demoAnswers(rnd, level, { concerns: [concern], foreign: k % 2 === 0, disability: k === 3, poor: k > 2 });
          expect(assess(INSTRUMENT, { criteria: answers.criteria }).computed, `${concern} ${level}`).toBe(level);
          const answered = new Set(answers.criteria.map((id) => domainOf(id)!));
          expect(answers.screened.filter((d) => answered.has(d))).toEqual([]);
          expect([...answered, ...answers.screened].sort()).toEqual([...allDomains].sort());
          // The level comes from a domain of the concern (or, failing that, a harm domain).
          if (level !== 'none') {
            const atLevel = answers.criteria.filter((id) => INSTRUMENT.domains.flatMap((d) => d.criteria).find((c) => c.id === id)!.level === level);
            const allowed = new Set([...CONCERN_DOMAINS[concern]!, ...INSTRUMENT.domains.filter((d) => d.kind === 'harm').map((d) => d.id)]);
            expect(atLevel.some((id) => allowed.has(domainOf(id)!))).toBe(true);
          }
        }
      }
    }
  });
});

describe('demo office records', () => {
  it('are valid by the services’ rules and show every state', async () => {
    const { db, result, vault, staff } = await demoVault(400, 1);
    expect(result).toMatchObject({ cases: 400 });
    for (const key of ['assessments', 'referrals', 'hearings', 'orders'] as const) expect(result[key]).toBeGreaterThan(50);
    const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM assessments')).toBe(result.assessments);
    expect(count('SELECT count(*) AS n FROM referrals')).toBe(result.referrals);
    expect(count('SELECT count(*) AS n FROM court_hearings')).toBe(result.hearings);
    expect(count('SELECT count(*) AS n FROM court_orders')).toBe(result.orders);
    const today = NOW.toISOString().slice(0, 10);
    const supervisors = new Set(staff.supervisors);

    // --- assessments ---------------------------------------------------------------------------
    const assessments = db.prepare('SELECT * FROM assessments ORDER BY case_id, assessed_at, id').all() as Array<Record<string, string | number | null>>;
    for (const a of assessments) {
      const criteria = JSON.parse(a.criteria as string) as string[];
      const screened = JSON.parse(a.screened as string) as string[];
      const engine = assess(INSTRUMENT, { criteria, screened });
      // Every domain answered or screened: a complete decision (issue 11).
      expect(engine.complete).toBe(true);
      if (a.final_level === 'none') expect((a.override_reason as string).length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
      expect(a.computed).toBe(engine.computed);
      expect(a.suggested).toBe(engine.suggested);
      expect(JSON.parse(a.rules as string)).toEqual(engine.rules);
      if (a.final_level !== a.computed) expect((a.override_reason as string).length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
      expect(a.assessed_at! < NOW.toISOString()).toBe(true);
      if (a.final_level === 'urgent' || a.final_level === 'high') {
        if (a.status === 'pending_approval') expect(a.decided_by).toBeNull();
        else expect(supervisors.has(a.decided_by as string) && a.decided_by !== a.assessed_by).toBe(true);
      } else {
        expect(a.status).toBe('approved');
      }
    }
    const statuses = new Set(assessments.filter((a) => a.final_level === 'urgent' || a.final_level === 'high').map((a) => a.status));
    expect(statuses).toEqual(new Set(['approved', 'pending_approval', 'returned']));
    expect(assessments.filter((a) => a.final_level !== a.computed).length).toBeGreaterThan(5);
    expect(new Set(assessments.map((a) => a.final_level))).toEqual(new Set(LEVEL_IDS));
    // Reassessments chain to the previous one; the latest is the case's priority; open cases past intake all have one.
    expect(count('SELECT count(*) AS n FROM (SELECT case_id FROM assessments GROUP BY case_id HAVING count(*) >= 3)')).toBeGreaterThan(10);
    expect(
      count(`SELECT count(*) AS n FROM assessments a WHERE a.previous_id IS NOT (SELECT max(p.id) FROM assessments p WHERE p.case_id = a.case_id AND p.id < a.id)`),
    ).toBe(0);
    expect(
      count(`SELECT count(*) AS n FROM cases c JOIN assessments a ON a.id = (SELECT max(id) FROM assessments WHERE case_id = c.id) WHERE a.final_level IS NOT c.priority`),
    ).toBe(0);
    expect(count(`SELECT count(*) AS n FROM cases c WHERE status NOT IN ('closed', 'intake') AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = c.id)`)).toBe(0);
    // Risk tasks name the assessment they came from.
    expect(count(`SELECT count(*) AS n FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.source = 'risk' AND c.status <> 'closed' AND t.source_id IS NULL AND EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = c.id)`)).toBe(0);

    // --- referrals -----------------------------------------------------------------------------
    const referrals = db.prepare('SELECT r.*, c.status AS case_status FROM referrals r JOIN cases c ON c.id = r.case_id').all() as Array<Record<string, string | number | null>>;
    expect(new Set(referrals.map((r) => r.state))).toEqual(new Set(['draft', 'sent', 'acknowledged', 'service_started', 'closed', 'declined']));
    const history = db.prepare('SELECT from_state, to_state, on_day FROM referral_history WHERE referral_id = ? ORDER BY id');
    for (const r of referrals) {
      if (r.state !== 'draft') {
        const consent = r.legal_ground !== null || (r.consent_method !== null && r.consent_on !== null && (r.consent_person_id !== null || r.consent_name !== null));
        expect(consent).toBe(true);
        expect(JSON.parse(r.services as string).length > 0 || r.services_other !== null).toBe(true);
        expect(r.reply_due_on).toBe(addWorkingDays(r.sent_on as string, REPLY_WORKING_DAYS[r.urgency as Urgency]));
      }
      if (r.case_status === 'closed') expect(['closed', 'declined']).toContain(r.state);
      const steps = history.all(r.id) as Array<{ from_state: ReferralState | null; to_state: ReferralState; on_day: string }>;
      expect(steps[0]).toMatchObject({ from_state: null, to_state: 'draft' });
      expect(steps.at(-1)!.to_state).toBe(r.state);
      steps.slice(1).forEach((s, i) => {
        expect(s.from_state).toBe(steps[i]!.to_state);
        expect(REFERRAL_TRANSITIONS[s.from_state!]).toContain(s.to_state);
        expect(s.on_day >= steps[i]!.on_day).toBe(true);
      });
      expect(steps.every((s) => s.on_day < today)).toBe(true);
      if (JSON.parse(r.shared_sections as string).includes('notes')) {
        for (const id of JSON.parse(r.shared_note_ids as string) as number[]) expect(count('SELECT count(*) AS n FROM notes WHERE id = ? AND case_id = ?', id, r.case_id)).toBe(1);
      }
    }
    expect(referrals.some((r) => r.state === 'sent' && (r.reply_due_on as string) < today)).toBe(true); // overdue replies
    expect(referrals.some((r) => r.legal_ground !== null) && referrals.some((r) => r.consent_person_id !== null)).toBe(true);
    expect(count(`SELECT count(*) AS n FROM referrals r WHERE r.state = 'sent' AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.source = 'referral' AND t.source_id = CAST(r.id AS TEXT) AND t.done_at IS NULL)`)).toBe(0);

    // --- court ---------------------------------------------------------------------------------
    const hearings = db.prepare('SELECT h.*, c.status AS case_status, c.closed_at FROM court_hearings h JOIN cases c ON c.id = h.case_id').all() as Array<Record<string, string | null>>;
    expect(new Set(hearings.map((h) => h.status))).toEqual(new Set(['held', 'postponed', 'scheduled']));
    for (const h of hearings) {
      if (h.status === 'scheduled') expect(h.hearing_at! > NOW.toISOString() && h.case_status !== 'closed').toBe(true);
      else expect(h.hearing_at! < NOW.toISOString() && h.outcome !== null).toBe(true);
      if (h.closed_at) expect(h.hearing_at! <= h.closed_at).toBe(true);
    }
    const orders = db.prepare('SELECT * FROM court_orders').all() as Array<Record<string, string | number | null>>;
    expect(new Set(orders.map((o) => o.kind)).size).toBeGreaterThanOrEqual(ORDER_KINDS.length - 1);
    expect(new Set(orders.map((o) => o.compliance))).toEqual(new Set(['pending', 'in_progress', 'complied', 'not_complied']));
    const updates = db.prepare('SELECT from_status, to_status, on_day FROM court_order_updates WHERE order_id = ? ORDER BY id');
    for (const o of orders) {
      expect((o.responsible_institution_id === null) !== (o.responsible_user_id === null)).toBe(true);
      if (o.due_on !== null) expect(o.due_on! >= o.ordered_on!).toBe(true);
      const u = updates.all(o.id) as Array<{ from_status: string | null; to_status: string; on_day: string }>;
      expect(u[0]).toEqual({ from_status: null, to_status: 'pending', on_day: o.ordered_on });
      expect(u.at(-1)!.to_status).toBe(o.compliance);
      u.slice(1).forEach((x, i) => expect(x.on_day >= u[i]!.on_day && x.from_status === u[i]!.to_status).toBe(true));
      expect(u.every((x) => x.on_day < today)).toBe(true);
    }

    // --- the services work on them ------------------------------------------------------------
    const supervisor: Actor = { userId: staff.supervisors[0]!, username: 'derya.aksoy', roles: ['supervisor'], readAll: true, approve: true };
    const pending = assessments.find((a) => a.status === 'pending_approval')!;
    expect(decideAssessment(db, supervisor, pending.id as number, 'approve', undefined, NOW, () => undefined).status).toBe('approved');
    const sent = referrals.find((r) => r.state === 'sent')!;
    expect(transitionReferral(db, supervisor, 'acknowledge', { id: sent.id as number }, NOW, () => undefined).state).toBe('acknowledged');

    // The showcase: an open case with an approved Urgent/High assessment, a sent referral, an upcoming hearing.
    const show = demoShowcase(db)!;
    expect(show).not.toBeNull();
    expect(getAssessment(db, supervisor, show.assessmentId)).toMatchObject({ caseId: show.caseId, status: 'approved' });
    expect(db.prepare('SELECT case_id, state FROM referrals WHERE id = ?').get(show.referralId)).toMatchObject({ case_id: show.caseId });
    expect(db.prepare('SELECT case_id, status FROM court_hearings WHERE id = ?').get(show.hearingId)).toEqual({ case_id: show.caseId, status: 'scheduled' });
    vault.lock('shutdown');
  }, 120_000);

  it('are the same for a seed at another "now" (the README’s ids hold on any day)', async () => {
    const fingerprint = (db: Db) => ({
      assessments: db.prepare('SELECT case_id, criteria, computed, final_level, status FROM assessments ORDER BY id').all(),
      referrals: db.prepare('SELECT case_id, institution_id, state FROM referrals ORDER BY id').all(),
      hearings: db.prepare('SELECT case_id, status FROM court_hearings ORDER BY id').all(),
      orders: db.prepare('SELECT case_id, kind, compliance FROM court_orders ORDER BY id').all(),
      // The case number carries the year of the intake, so only the ids are compared.
      showcase: { ...demoShowcase(db), caseNumber: undefined },
    });
    const a = await demoVault(120, 3, NOW);
    const b = await demoVault(120, 3, new Date(NOW.getTime() + 400 * DAY + 13.5 * 3_600_000));
    expect(fingerprint(a.db)).toEqual(fingerprint(b.db));
    a.vault.lock('shutdown');
    b.vault.lock('shutdown');
  }, 120_000);

  it('kalkan demo --json adds the counts and the showcase case', async () => {
    const db = join(tempDir('kalkan-demo16-'), 'demo.db');
    const out = await cli(['demo', '--db', db, '--user', 'yonetici', '--cases', '120', '--seed', '3', '--json'], { KALKAN_PASSWORD: ADMIN.password });
    expect(out.code, out.err).toBe(0);
    const report = JSON.parse(out.out) as { result: Record<string, number>; showcase: { caseId: number } | null };
    for (const key of ['assessments', 'referrals', 'hearings', 'orders', 'cases', 'notes', 'tasks', 'attachments']) expect(report.result[key]).toBeGreaterThan(0);
    const text = await cli(['demo', '--db', db, '--user', 'yonetici', '--cases', '5', '--seed', '4', '--lang', 'en'], { KALKAN_PASSWORD: ADMIN.password });
    expect(text.out).toMatch(/Added \d+ risk assessments, \d+ referrals, \d+ hearings and \d+ court orders\./);
  }, 120_000);
});
