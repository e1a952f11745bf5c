/**
 * Court area handlers (issue 7): hearings, orders and compliance. The service
 * owns validation and reminder tasks; the audit action is the method spec's,
 * written by the router in the call's transaction. Each write comes
 * back with its case's tasks (`parts`, issue 12), read in the write's transaction:
 * the reminder tasks it opened, moved or closed, for the case page to merge.
 */
import { actorOf, type Actor } from '../cases/access';
import { writtenWithParts } from '../cases/caseFile';
import { addHearing, addOrder, courtForCase, courtOverview, updateCompliance, updateHearing, updateOrder } from '../court/courtService';
import type { Db } from '../db/open';
import type { Handlers } from '../router';
import type { CoreServices } from '../services';
import type { Session } from '../session';

function withTasks<T extends { caseId: number }>(services: CoreServices, session: Session, write: (db: Db, actor: Actor, now: Date) => T) {
  const db = services.vault.database;
  const actor = actorOf(session);
  return writtenWithParts(db, actor, ['tasks'], () => write(db, actor, services.now()));
}

export const courtHandlers = {
  'court.forCase': ({ services, session }, input) => courtForCase(services.vault.database, actorOf(session), input.caseId, services.now()),
  'court.overview': ({ services, session }, input) => courtOverview(services.vault.database, actorOf(session), input, services.now()),
  'hearings.add': ({ services, session, audit }, input) => withTasks(services, session, (db, actor, now) => addHearing(db, actor, input, now, audit)),
  'hearings.update': ({ services, session, audit }, input) => withTasks(services, session, (db, actor, now) => updateHearing(db, actor, input, now, audit)),
  'orders.add': ({ services, session, audit }, input) => withTasks(services, session, (db, actor, now) => addOrder(db, actor, input, now, audit)),
  'orders.update': ({ services, session, audit }, input) => withTasks(services, session, (db, actor, now) => updateOrder(db, actor, input, now, audit)),
  'orders.updateCompliance': ({ services, session, audit }, input) => withTasks(services, session, (db, actor, now) => updateCompliance(db, actor, input, now, audit)),
} satisfies Partial<Handlers>;
