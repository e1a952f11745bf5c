import type { Handlers } from '../router';
import { printAssessmentSummary } from '../documents/assessmentSummary';
import { printCourtReport } from '../documents/courtReport';
import { printRecoverySheet } from '../documents/recoverySheet';
import { printReferralLetter } from '../documents/referralLetter';

export const documentsHandlers = {
  'documents.recoverySheet': ({ services }, input) => printRecoverySheet(services, input),
  'documents.assessmentSummary': (ctx, input) => printAssessmentSummary(ctx, input),
  'documents.courtReport': (ctx, input) => printCourtReport(ctx, input),
  'documents.referralLetter': (ctx, input) => printReferralLetter(ctx, input),
} satisfies Partial<Handlers>;
