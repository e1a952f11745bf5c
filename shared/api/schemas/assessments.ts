import { z } from 'zod';
import { LEVEL_IDS } from '../../risk-tool/types';

export const LevelSchema = z.enum(LEVEL_IDS);

/**
 * Intake concerns that report harm to the child (the seed 000 categories that
 * are a form of abuse, neglect or exploitation). A case with an intake naming
 * one of them has a report of harm: deciding Risk Yok on it needs a supervisor.
 */
export const HARM_CONCERNS: readonly string[] = [
  'domestic_violence',
  'sexual_abuse',
  'emotional_neglect',
  'emotional_abuse',
  'educational_neglect',
  'economic_exploitation',
  'early_marriage',
  'health_neglect',
  'bullying',
  'child_labour',
  'physical_abuse',
];

export const EscalationSchema = z.object({
  rule: z.enum(['several-low-medium', 'several-vulnerabilities', 'may-be-higher']),
  criteria: z.array(z.string()),
  from: LevelSchema,
  to: LevelSchema,
  /** Count rules (risk tool 1.1.0): how many factors and domains triggered the rule. */
  factors: z.number().int().optional(),
  domains: z.number().int().optional(),
});

export const AssessmentRecord = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  caseNumber: z.string(),
  childId: z.number().int().nullable(),
  childName: z.string().nullable(),
  previousId: z.number().int().nullable(),
  instrumentVersion: z.string(),
  criteria: z.array(z.string()),
  /** Domain ids looked at with nothing found; null for assessments recorded before screening existed (tool 1.0.0). */
  screened: z.array(z.string()).nullable(),
  childAge: z.number().int().nullable(),
  computed: LevelSchema,
  suggested: LevelSchema.nullable(),
  rules: z.array(EscalationSchema),
  finalLevel: LevelSchema,
  overrideReason: z.string().nullable(),
  summary: z.string().nullable(),
  status: z.enum(['pending_approval', 'approved', 'returned']),
  assessedBy: z.object({ id: z.string(), name: z.string() }),
  assessedAt: z.string(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Tasks created from this assessment's deadlines. */
  taskCount: z.number().int(),
});
export type AssessmentRecord = z.infer<typeof AssessmentRecord>;

export const AssessmentCreate = z
  .object({
    caseId: z.number().int().positive(),
    childId: z.number().int().positive().optional(),
    previousId: z.number().int().positive().optional(),
    criteria: z.array(z.string().max(120)).max(400),
    /** Domain ids looked at with nothing found. Every domain must be answered (a criterion ticked) or screened. */
    screened: z.array(z.string().max(120)).max(100).optional(),
    childAge: z.number().int().min(0).max(17).optional(),
    finalLevel: LevelSchema,
    overrideReason: z.string().trim().max(4000).optional(),
    summary: z.string().trim().max(20000).optional(),
  })
  .strict();
export type AssessmentCreate = z.infer<typeof AssessmentCreate>;
