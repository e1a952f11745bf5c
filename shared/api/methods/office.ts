/** The office's letterhead (issue 15): shown to everyone signed in, set by an admin. */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { OfficeUpdate, OfficeView } from '../schemas/office';

export const officeMethods = {
  'office.get': { input: z.object({}).strict(), output: OfficeView, access: 'session', scope: 'none' },
  /** Refused: 'office.logoType' (not PNG/JPEG), 'office.logoTooLarge' (bytes or pixels). */
  'office.update': { input: OfficeUpdate, output: OfficeView, access: 'settings:write', scope: 'none' },
} as const satisfies Record<string, MethodSpec>;
