/** Risk assessments: record, list a case's history, approve Urgent/High decisions. */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { AssessmentCreate, AssessmentRecord } from '../schemas/assessments';

const Id = z.object({ id: z.number().int().positive() }).strict();

export const assessmentMethods = {
  'assessments.create': { input: AssessmentCreate, output: AssessmentRecord, access: 'assessment:write', scope: { caseId: 'case', childId: 'person', previousId: 'assessment' }, audit: 'assessment.created' },
  'assessments.get': { input: Id, output: AssessmentRecord, access: 'case:read', scope: { id: 'assessment' } },
  'assessments.listForCase': { input: z.object({ caseId: z.number().int().positive() }).strict(), output: z.array(AssessmentRecord), access: 'case:read', scope: { caseId: 'case' } },
  'assessments.recent': {
    input: z.object({ status: z.enum(['pending_approval', 'approved', 'returned']).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(AssessmentRecord),
    access: 'case:read',
    scope: 'office',
  },
  'assessments.approve': { input: z.object({ id: z.number().int().positive(), note: z.string().trim().max(4000).optional() }).strict(), output: AssessmentRecord, access: 'assessment:approve', scope: { id: 'assessment' }, audit: 'assessment.approved' },
  'assessments.return': { input: z.object({ id: z.number().int().positive(), note: z.string().trim().min(1).max(4000) }).strict(), output: AssessmentRecord, access: 'assessment:approve', scope: { id: 'assessment' }, audit: 'assessment.returned' },
} as const satisfies Record<string, MethodSpec>;
