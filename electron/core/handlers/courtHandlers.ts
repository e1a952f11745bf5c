/**
 * Court area handlers (issue 7): hearings, orders and compliance. The service
 * owns transactions, validation, reminder tasks and audit rows.
 */
import { actorOf } from '../cases/access';
import { addHearing, addOrder, courtForCase, courtOverview, updateCompliance, updateHearing, updateOrder } from '../court/courtService';
import type { Handlers } from '../router';

export const courtHandlers = {
  'court.forCase': ({ services, session }, input) => courtForCase(services.vault.database, actorOf(session!), input.caseId, services.now()),
  'court.overview': ({ services, session }, input) => courtOverview(services.vault.database, actorOf(session!), input, services.now()),
  'hearings.add': ({ services, session }, input) => addHearing(services.vault.database, actorOf(session!), input, services.now()),
  'hearings.update': ({ services, session }, input) => updateHearing(services.vault.database, actorOf(session!), input, services.now()),
  'orders.add': ({ services, session }, input) => addOrder(services.vault.database, actorOf(session!), input, services.now()),
  'orders.update': ({ services, session }, input) => updateOrder(services.vault.database, actorOf(session!), input, services.now()),
  'orders.updateCompliance': ({ services, session }, input) => updateCompliance(services.vault.database, actorOf(session!), input, services.now()),
} satisfies Partial<Handlers>;
