/**
 * Calendar, colleague cover and co-working (issue 17). Every write is audited by the router in
 * the handler's transaction (ids and codes only: no names, no free text).
 */
import { CodedError } from '../../../shared/api/envelope';
import { actorOf, workerSeesCase } from '../cases/access';
import { assertAssignable, requireOpenCase } from '../cases/casesRepo';
import { toUtc } from '../cases/dates';
import { userLookup } from '../cases/userRefs';
import { calendarEvents, cancelVisit, planVisit, visitsOfCase } from '../calendar/calendarRepo';
import { decideCowork, getCover, getCowork, grantCover, listCovers, pendingCowork, requestCowork, revokeCover } from '../calendar/coversRepo';
import type { Handlers } from '../router';
import { findUserById } from '../users/usersRepo';
import { can } from '../../../shared/auth/permissions';

export const calendarHandlers = {
  'calendar.events': ({ services, session }, input) => {
    const db = services.vault.database;
    return calendarEvents(db, actorOf(session), input, userLookup(db));
  },

  'calendar.planVisit': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    const now = services.now();
    requireOpenCase(db, input.caseId);
    const visitor = input.visitorUserId ?? session.userId;
    assertAssignable(db, visitor, 'visitorUserId');
    // The visitor must be able to open the case (and so their note draft): on it, covering it, or a supervisor.
    const visitorReadsAll = can(findUserById(db, visitor)?.roles ?? [], 'case:readAll');
    if (!visitorReadsAll && !workerSeesCase(db, visitor, input.caseId)) throw new CodedError('calendar.visitorNotOnCase', { field: 'visitorUserId' });
    const visit = planVisit(db, { ...input, startsAt: toUtc(input.startsAt), visitorUserId: visitor, language: services.settings.get().language }, session.userId, now, userLookup(db));
    audit({ targetType: 'visit', targetId: String(visit.id), details: { caseId: input.caseId, kind: input.kind, visitor, draftPrepared: visit.draftPrepared } });
    return visit;
  },

  'calendar.visitsForCase': ({ services }, input) => {
    const db = services.vault.database;
    return visitsOfCase(db, input.caseId, userLookup(db));
  },

  'calendar.cancelVisit': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    cancelVisit(db, input.caseId, input.visitId, input.reason, session.userId, services.now());
    // The reason is free text: kept on the visit, never in the audit log.
    audit({ targetType: 'visit', targetId: String(input.visitId), details: { caseId: input.caseId } });
    return visitsOfCase(db, input.caseId, userLookup(db), input.visitId)[0]!;
  },

  'covers.list': ({ services, session }) => {
    const db = services.vault.database;
    return listCovers(db, actorOf(session), services.now(), userLookup(db));
  },

  'covers.grant': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    const id = grantCover(db, input, session.userId, services.now());
    audit({ targetType: 'cover', targetId: String(id), details: { covered: input.coveredUserId, cover: input.coverUserId, from: input.from, to: input.to } });
    return getCover(db, id, services.now(), userLookup(db));
  },

  'covers.revoke': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    revokeCover(db, input.coverId, session.userId, services.now());
    audit({ targetType: 'cover', targetId: String(input.coverId) });
    return getCover(db, input.coverId, services.now(), userLookup(db));
  },

  'cowork.request': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    requireOpenCase(db, input.caseId);
    const id = requestCowork(db, input.caseId, input.colleagueId, session.userId, services.now());
    audit({ targetType: 'case', targetId: String(input.caseId), details: { requestId: id, colleague: input.colleagueId } });
    return getCowork(db, id, userLookup(db));
  },

  'cowork.pending': ({ services }) => {
    const db = services.vault.database;
    return pendingCowork(db, userLookup(db));
  },

  'cowork.decide': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    decideCowork(db, input.caseId, input.requestId, input.approve, session.userId, services.now());
    const request = getCowork(db, input.requestId, userLookup(db));
    audit({ action: input.approve ? 'cowork.approved' : 'cowork.refused', targetType: 'case', targetId: String(input.caseId), details: { requestId: input.requestId, colleague: request.colleague.id } });
    return request;
  },
} satisfies Partial<Handlers>;
