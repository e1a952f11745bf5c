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
import type { AuditAction } from './auditActions';
import type { Scope } from './scope';
import { appMethods } from './methods/app';
import { assessmentMethods } from './methods/assessments';
import { attachmentsMethods } from './methods/attachments';
import { auditMethods } from './methods/audit';
import { calendarMethods } from './methods/calendar';
import { casesMethods } from './methods/cases';
import { courtMethods } from './methods/court';
import { documentMethods } from './methods/documents';
import { draftsMethods } from './methods/drafts';
import { officeMethods } from './methods/office';
import { referralsMethods } from './methods/referrals';
import { statsMethods } from './methods/stats';
import { transfersMethods } from './methods/transfers';
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
  /**
   * Which case data the method touches (shared/api/scope.ts): 'none', 'office', or the input
   * fields holding ids, e.g. `{ caseId: 'case', personId: 'person' }`. The router refuses ids of
   * cases the caller may not see before the handler runs. Every method declares one (a test
   * walks the contract); optional in the type only so that a branch adding methods still compiles.
   */
  scope?: Scope;
  /**
   * The audit action of a synchronous method that changes or reads case data: the router runs the
   * handler in a transaction and writes this row in it (target: the first id field of `scope`,
   * unless the handler says otherwise with `ctx.audit({...})`). Leave it out for async handlers
   * (documents, backups), which audit themselves.
   */
  audit?: AuditAction;
  /**
   * Issue 17: the cases of the ids its scope names are only read, never changed (a print, a
   * duplicate search, a report's preview, a new case that reuses a person or household). Without
   * it, a method whose access is not 'case:read' writes, and the router refuses it on a case
   * transferred to another office ('cases.transferred') — see `writesCases`.
   */
  readsCases?: true;
}

/** Does the method change the cases its scope names? (The router's transferred-case guard; test/unit/transferredReadOnly.test.ts walks the contract.) */
export function writesCases(spec: Pick<MethodSpec, 'access' | 'scope' | 'readsCases'>): boolean {
  return typeof spec.scope === 'object' && spec.access !== 'case:read' && spec.readsCases !== true;
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
  ...officeMethods,
  ...auditMethods,
  ...attachmentsMethods,
  ...calendarMethods,
  ...transfersMethods,
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
