/**
 * Court area handlers (issue 7): hearings, orders and compliance. The service
 * owns transactions, validation, reminder tasks and audit rows. Each write comes
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
  'hearings.add': ({ services, session }, input) => withTasks(services, session, (db, actor, now) => addHearing(db, actor, input, now)),
  'hearings.update': ({ services, session }, input) => withTasks(services, session, (db, actor, now) => updateHearing(db, actor, input, now)),
  'orders.add': ({ services, session }, input) => withTasks(services, session, (db, actor, now) => addOrder(db, actor, input, now)),
  'orders.update': ({ services, session }, input) => withTasks(services, session, (db, actor, now) => updateOrder(db, actor, input, now)),
  'orders.updateCompliance': ({ services, session }, input) => withTasks(services, session, (db, actor, now) => updateCompliance(db, actor, input, now)),
} satisfies Partial<Handlers>;
