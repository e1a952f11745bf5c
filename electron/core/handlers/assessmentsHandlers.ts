import { createAssessment, decideAssessment, getAssessment, listForCase, recentAssessments } from '../assessments/assessmentsService';
import { actorOf } from '../cases/access';
import type { Handlers } from '../router';

export const assessmentsHandlers = {
  'assessments.create': ({ services, session }, input) => createAssessment(services.vault.database, actorOf(session!), input, services.now()),
  'assessments.get': ({ services, session }, input) => getAssessment(services.vault.database, actorOf(session!), input.id),
  'assessments.listForCase': ({ services, session }, input) => listForCase(services.vault.database, actorOf(session!), input.caseId),
  'assessments.recent': ({ services, session }, input) => recentAssessments(services.vault.database, actorOf(session!), input.status, input.limit),
  'assessments.approve': ({ services, session }, input) => decideAssessment(services.vault.database, actorOf(session!), input.id, 'approve', input.note, services.now()),
  'assessments.return': ({ services, session }, input) => decideAssessment(services.vault.database, actorOf(session!), input.id, 'return', input.note, services.now()),
} satisfies Partial<Handlers>;
