/**
 * Every method the renderer (or the CLI, or the dev server) may call, declared
 * once: its input and output schemas and who may call it. The router, the IPC
 * binding, the dev server, the renderer's client and the tests derive their
 * types from this object. Methods live in one file per area under methods/;
 * adding one: declare it there; the compiler then asks for its handler in
 * electron/core/handlers/.
 */
import type { z } from 'zod';
import type { Permission } from '../auth/permissions';
import { appMethods } from './methods/app';
import { assessmentMethods } from './methods/assessments';
import { auditMethods } from './methods/audit';
import { casesMethods } from './methods/cases';
import { courtMethods } from './methods/court';
import { documentMethods } from './methods/documents';
import { draftsMethods } from './methods/drafts';
import { referralsMethods } from './methods/referrals';
import { statsMethods } from './methods/stats';
import { vaultMethods } from './methods/vault';

export { AppInfo, Health, Settings } from './methods/app';

/**
 * 'public'  — callable before sign-in (app info, language, set-up, sign-in).
 * 'session' — any signed-in user of an unlocked vault.
 * Permission — a signed-in user whose roles grant it.
 */
export type Access = 'public' | 'session' | Permission;

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
}

export const contract = {
  ...appMethods,
  ...vaultMethods,
  ...casesMethods,
  ...assessmentMethods,
  ...documentMethods,
  ...referralsMethods,
  ...courtMethods,
  ...statsMethods,
  ...draftsMethods,
  ...auditMethods,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
