/**
 * Drafts: a form's unsaved values, saved as the user types (debounced) so an
 * idle lock loses nothing. Per user: every method reads and writes only the
 * signed-in user's own drafts. Saving the form deletes its draft.
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';

/** Which form: an area, then ids, e.g. 'note:12:new', 'assessment:7', 'intake:new', 'referral:12', 'court:12'. */
export const DraftKey = z.string().regex(/^[a-z]+(:[A-Za-z0-9_-]{1,40}){1,3}$/);
/** The screen to return to: an app route, never a URL. */
export const DraftRoute = z.string().max(300).regex(/^\/[A-Za-z0-9/_?=&%-]*$/);
export const MAX_DRAFT_CHARS = 200_000;

export const DraftSummary = z.object({ key: z.string(), route: z.string(), updatedAt: z.string() });
export type DraftSummary = z.infer<typeof DraftSummary>;
export const Draft = DraftSummary.extend({ data: z.string() });
export type Draft = z.infer<typeof Draft>;

export const draftsMethods = {
  'drafts.save': {
    input: z.object({ key: DraftKey, route: DraftRoute, data: z.string().max(MAX_DRAFT_CHARS) }).strict(),
    output: z.object({ updatedAt: z.string() }),
    access: 'session',
    scope: 'none',
  },
  'drafts.get': { input: z.object({ key: DraftKey }).strict(), output: Draft.nullable(), access: 'session', scope: 'none' },
  'drafts.delete': { input: z.object({ key: DraftKey }).strict(), output: z.object({}), access: 'session', scope: 'none' },
  /** The user's drafts, newest first. */
  'drafts.list': { input: z.object({}).strict(), output: z.array(DraftSummary), access: 'session', scope: 'none' },
} as const satisfies Record<string, MethodSpec>;
