import type { Handlers } from '../router';
import { actorOf } from '../cases/access';
import { printAssessmentSummary } from '../documents/assessmentSummary';
import { prepareCourtReport, printCourtReport, saveCourtReportDraft } from '../documents/courtReport';
import { printRecoverySheet } from '../documents/recoverySheet';
import { printReferralLetter } from '../documents/referralLetter';

export const documentsHandlers = {
  'documents.recoverySheet': ({ services }, input) => printRecoverySheet(services, input),
  'documents.assessmentSummary': (ctx, input) => printAssessmentSummary(ctx, input),
  'documents.courtReport': (ctx, input) => printCourtReport(ctx, input),
  'documents.courtReportPrepare': ({ services, session }, input) => prepareCourtReport(services.vault.database, actorOf(session!), input, services.now()),
  'documents.courtReportSaveDraft': ({ services, session }, input) =>
    saveCourtReportDraft(services.vault.database, actorOf(session!), { userId: session!.userId, username: session!.username }, input, services.now()),
  'documents.referralLetter': (ctx, input) => printReferralLetter(ctx, input),
} satisfies Partial<Handlers>;
