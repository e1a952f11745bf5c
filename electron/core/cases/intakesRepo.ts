/** Intakes (reports) and their concern categories. Owns the SQL of `intakes` and `intake_concerns`. */
import type { Intake, IntakeInput } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { toUtc } from './dates';
import { assertLookup } from './lookupsRepo';
import type { UserLookup } from './userRefs';

export type IntakeKind = Intake['kind'];

export function intakeStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO intakes (case_id, kind, received_at, channel_code, reporter_anonymous, reporter_name, reporter_relation, reporter_phone,
         summary, recorded_by, created_at)
       VALUES (@caseId, @kind, @receivedAt, @channel, @anonymous, @name, @relation, @phone, @summary, @actor, @now)`,
    ),
    concern: db.prepare('INSERT INTO intake_concerns (intake_id, concern_code, case_id) VALUES (?, ?, ?)'),
    touch: db.prepare('UPDATE cases SET last_intake_at = max(last_intake_at, ?) WHERE id = ?'),
  };
}

/** Checks the intake's codes against the editable lists (field = form path prefix). */
export function checkIntakeCodes(db: Db, intake: IntakeInput, field: string): void {
  assertLookup(db, 'channel', intake.channel, `${field}.channel`);
  intake.concerns.forEach((code, i) => assertLookup(db, 'concern', code, `${field}.concerns.${i}`));
}

export function insertIntake(db: Db, caseId: number, kind: IntakeKind, intake: IntakeInput, actor: string, now: string): number {
  const st = intakeStatements(db);
  // An anonymous reporter leaves no name or phone behind, whatever the form still held.
  const anonymous = intake.reporter.anonymous;
  const id = Number(
    st.insert.run({
      caseId,
      kind,
      receivedAt: toUtc(intake.receivedAt),
      channel: intake.channel,
      anonymous: anonymous ? 1 : 0,
      name: anonymous ? null : (intake.reporter.name ?? null),
      relation: intake.reporter.relation ?? null,
      phone: anonymous ? null : (intake.reporter.phone ?? null),
      summary: intake.summary,
      actor,
      now,
    }).lastInsertRowid,
  );
  for (const code of new Set(intake.concerns)) st.concern.run(id, code, caseId);
  st.touch.run(toUtc(intake.receivedAt), caseId);
  return id;
}

interface Row {
  id: number;
  kind: IntakeKind;
  received_at: string;
  channel_code: string;
  reporter_anonymous: number;
  reporter_name: string | null;
  reporter_relation: string | null;
  reporter_phone: string | null;
  summary: string;
  recorded_by: string;
  created_at: string;
}

export function listIntakes(db: Db, caseId: number, users: UserLookup): Intake[] {
  const rows = db.prepare('SELECT * FROM intakes WHERE case_id = ? ORDER BY received_at, id').all(caseId) as Row[];
  const concerns = db.prepare('SELECT concern_code FROM intake_concerns WHERE intake_id = ? ORDER BY concern_code');
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    receivedAt: r.received_at,
    channel: r.channel_code,
    reporter: { anonymous: r.reporter_anonymous === 1, name: r.reporter_name, relation: r.reporter_relation, phone: r.reporter_phone },
    concerns: (concerns.all(r.id) as Array<{ concern_code: string }>).map((c) => c.concern_code),
    summary: r.summary,
    recordedBy: users(r.recorded_by),
    createdAt: r.created_at,
  }));
}
