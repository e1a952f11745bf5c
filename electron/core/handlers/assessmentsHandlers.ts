import { createAssessment, decideAssessment, getAssessment, listForCase, recentAssessments } from '../assessments/assessmentsService';
import { actorOf } from '../cases/access';
import type { Handlers } from '../router';

export const assessmentsHandlers = {
  'assessments.create': ({ services, session, audit }, input) => createAssessment(services.vault.database, actorOf(session), input, services.now(), audit),
  'assessments.get': ({ services, session }, input) => getAssessment(services.vault.database, actorOf(session!), input.id),
  'assessments.listForCase': ({ services, session }, input) => listForCase(services.vault.database, actorOf(session!), input.caseId),
  'assessments.recent': ({ services, session }, input) => recentAssessments(services.vault.database, actorOf(session!), input.status, input.limit),
  // The audit actions are the specs' (assessment.created, .approved, .returned): the router writes them in the call's transaction.
  'assessments.approve': ({ services, session, audit }, input) => decideAssessment(services.vault.database, actorOf(session), input.id, 'approve', input.note, services.now(), audit),
  'assessments.return': ({ services, session, audit }, input) => decideAssessment(services.vault.database, actorOf(session), input.id, 'return', input.note, services.now(), audit),
} satisfies Partial<Handlers>;
