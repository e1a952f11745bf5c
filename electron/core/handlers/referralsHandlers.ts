/**
 * Referrals area handlers (issue 7): the institution directory and the
 * referral lifecycle. The services own validation and tasks; a referral's
 * audit action is its spec's, written by the router in the call's transaction
 * (the service fills in target and details through `audit`).
 */
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Actor } from '../cases/access';
import { exportDirectory, importDirectory, ImportRejected } from '../referrals/directoryCsv';
import { listInstitutions, upsertInstitution } from '../referrals/institutionsRepo';
import { createReferral, getReferral, listReferrals, recordReply, referralsForCase, sendReferral, transitionReferral, updateDraft } from '../referrals/referralsService';
import { writtenWithParts } from '../cases/caseFile';
import type { Db } from '../db/open';
import type { Handlers } from '../router';
import type { CoreServices } from '../services';
import type { Session } from '../session';

/** A referral write and its case's tasks, read in the write's transaction (the case page merges them). */
function withTasks<T extends { caseId: number }>(services: CoreServices, session: Session, write: (db: Db, actor: Actor) => T) {
  const db = services.vault.database;
  const actor = actorOf(session);
  return writtenWithParts(db, actor, ['tasks'], () => write(db, actor));
}

export const referralsHandlers = {
  'institutions.list': ({ services }, input) => listInstitutions(services.vault.database, input),

  // The router writes the audit row in the handler's transaction (the spec's action; a new entry says institution.created).
  'institutions.upsert': ({ services, session, audit }, input) => {
    const { institution, created } = upsertInstitution(services.vault.database, input, session.userId, services.now().toISOString());
    audit({
      ...(created ? { action: 'institution.created' as const } : {}),
      targetType: 'institution',
      targetId: String(institution.id),
      details: { type: institution.type, active: institution.active },
    });
    return institution;
  },

  'institutions.exportCsv': ({ services, audit }) => {
    const result = exportDirectory(services.vault.database);
    audit({ details: { format: 'csv', rows: result.rows } });
    return result;
  },

  'institutions.importCsv': ({ services, session }, input) => {
    const db = services.vault.database;
    const actor = actorOf(session!);
    const at = services.now().toISOString();
    const auditRow = (result: { created: number; updated: number; errors: unknown[] }) =>
      appendAudit(db, {
        action: 'institution.imported',
        actorId: actor.userId,
        actorName: actor.username,
        at,
        details: { applied: result.errors.length === 0, created: result.created, updated: result.updated, rejected: result.errors.length },
      });
    try {
      return db.transaction(() => {
        const result = importDirectory(db, input.csv, actor.userId, at);
        // A refused file changes nothing: its audit row is written apart, below.
        if (!result.applied) throw new ImportRejected(result.errors);
        auditRow(result);
        return result;
      })();
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error;
      db.transaction(() => auditRow({ created: 0, updated: 0, errors: error.errors }))();
      return { applied: false, created: 0, updated: 0, errors: error.errors };
    }
  },

  'referrals.create': ({ services, session, audit }, input) => {
    const { caseId, ...fields } = input;
    return createReferral(services.vault.database, actorOf(session), caseId, fields, services.now(), audit);
  },
  'referrals.updateDraft': ({ services, session, audit }, input) => {
    const { id, expectedVersion, ...fields } = input;
    return updateDraft(services.vault.database, actorOf(session), id, expectedVersion, fields, services.now(), audit);
  },
  'referrals.get': ({ services, session }, input) => getReferral(services.vault.database, actorOf(session), input.id, services.now()),
  'referrals.listForCase': ({ services, session }, input) => referralsForCase(services.vault.database, actorOf(session), input.caseId, services.now()),
  'referrals.list': ({ services, session }, input) => listReferrals(services.vault.database, actorOf(session), input, services.now()),
  // A state change opens or closes the referral's follow-up tasks: they come back with it (issue 12).
  'referrals.send': ({ services, session, audit }, input) => withTasks(services, session, (db, actor) => sendReferral(db, actor, input, services.now(), audit)),
  'referrals.acknowledge': ({ services, session, audit }, input) =>
    withTasks(services, session, (db, actor) => transitionReferral(db, actor, 'acknowledge', { id: input.id, on: input.on, text: input.note }, services.now(), audit)),
  'referrals.serviceStarted': ({ services, session, audit }, input) =>
    withTasks(services, session, (db, actor) => transitionReferral(db, actor, 'serviceStarted', { id: input.id, on: input.on, text: input.note }, services.now(), audit)),
  'referrals.close': ({ services, session, audit }, input) =>
    withTasks(services, session, (db, actor) => transitionReferral(db, actor, 'close', { id: input.id, on: input.on, text: input.outcome }, services.now(), audit)),
  'referrals.decline': ({ services, session, audit }, input) =>
    withTasks(services, session, (db, actor) => transitionReferral(db, actor, 'decline', { id: input.id, on: input.on, text: input.reason }, services.now(), audit)),
  'referrals.recordReply': ({ services, session, audit }, input) => withTasks(services, session, (db, actor) => recordReply(db, actor, input, services.now(), audit)),
} satisfies Partial<Handlers>;
