/**
 * The single entry point for every request, whatever the transport (Electron
 * IPC, the dev server's HTTP, the CLI). Steps, in order:
 *   1 method known?  2 input parses?  3 vault unlocked + session?
 *   4 role has permission?  5 every id the spec's `scope` names is in the
 *   session's sight ('api.notFound' otherwise, as for a missing id)? and, for
 *   a method that writes, none of them of a case transferred to another office
 *   ('cases.transferred')?
 *   6 handler — with a spec `audit` action, inside one transaction together
 *   with the audit row the router writes  7 envelope reply
 * Nothing thrown inside ever reaches the caller as text: a CodedError becomes
 * its code, anything else becomes `internal`, and only the method name and the
 * code are logged.
 */
import { CodedError, fail, ok, type Envelope } from '../../shared/api/envelope';
import { contract, isMethod, writesCases, type Contract, type Method, type MethodSpec, type Output, type ParsedInput } from '../../shared/api/contract';
import { can } from '../../shared/auth/permissions';
import type { Scope } from '../../shared/api/scope';
import { idsAt } from '../../shared/api/scope';
import { appendAudit, type AuditAction, type AuditInput } from './audit/auditLog';
import { actorOf } from './cases/access';
import { outOfScope, transferredField } from './cases/scopeRepo';
import type { CoreServices } from './services';
import { MUST_CHANGE_ALLOWED, type ClientState, type Session } from './session';

/** What the router's audit row says; the action defaults to the spec's, the target to the first id field of its scope. */
export interface AuditNote {
  action?: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: AuditInput['details'];
}

export interface HandlerContext {
  services: CoreServices;
  client: ClientState;
  /** The signed-in user; non-null for every method whose access is not 'public'. */
  session: Session | null;
}

/** The session a method's handler receives: non-null for every method that is not 'public'. */
export type SessionFor<M extends Method> = Contract[M]['access'] extends 'public' ? Session | null : Session;
export type MethodContext<M extends Method> = Omit<HandlerContext, 'session'> & {
  session: SessionFor<M>;
  /** For a method whose spec declares `audit`: fills in the row the router writes in the same transaction. */
  audit: RecordAudit;
};
export type RecordAudit = (note: AuditNote) => void;

export type Handler<M extends Method> = (ctx: MethodContext<M>, input: ParsedInput<M>) => Promise<Output<M>> | Output<M>;
export type Handlers = { [M in Method]: Handler<M> };

export interface RouterOptions {
  /** Check each reply against its output schema (dev server and tests): catches contract drift. */
  validateOutput?: boolean;
}

export interface Router {
  handle(client: ClientState, method: unknown, input: unknown): Promise<Envelope<unknown>>;
}

export function createRouter(services: CoreServices, handlers: Handlers, options: RouterOptions = {}): Router {
  const { log } = services;

  return {
    async handle(client, method, input) {
      const started = performance.now();
      const reply = await dispatch(client, method, input);
      const fields = {
        method: isMethod(method) ? method : 'unknown',
        ms: Math.round(performance.now() - started),
      };
      if (reply.ok) log.info('api.request', fields);
      else log.warn('api.request', { ...fields, code: reply.error.code });
      return reply;
    },
  };

  async function dispatch(client: ClientState, method: unknown, input: unknown): Promise<Envelope<unknown>> {
    if (!isMethod(method)) return fail('api.unknownMethod');
    const spec: MethodSpec = contract[method];

    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      // Field paths only (never values) so the form can mark the right field.
      const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      const fields = paths.join(',');
      // The fields left empty (missing, null or blank): the form says "required" there, not "invalid".
      const empty = paths.filter((path) => path !== '' && isEmptyValue(valueAt(input ?? {}, path))).join(',');
      return fail('api.invalidInput', fields ? { fields, ...(empty ? { empty } : {}) } : undefined);
    }

    let session: Session | null = null;
    if (spec.access !== 'public') {
      if (services.vault.state() !== 'unlocked') return fail('auth.locked');
      session = client.session;
      if (!session || session.epoch !== services.lockEpoch.value) return fail('auth.signedOut');
      if (session.mustChangePassword && !MUST_CHANGE_ALLOWED.has(method)) return fail('auth.mustChangePassword');
      if (spec.access !== 'session' && !can(session.roles, spec.access)) return fail('auth.forbidden');
      if (typeof spec.scope === 'object') {
        const field = outOfScope(services.vault.database, actorOf(session), spec.scope, parsed.data);
        if (field !== null) return fail('api.notFound', { field });
        // A case sent to another office is read-only here: every write on it is refused in this one place.
        if (writesCases(spec)) {
          const transferred = transferredField(services.vault.database, spec.scope, parsed.data);
          if (transferred !== null) return fail('cases.transferred');
        }
      }
      services.idle.touch(services.now().getTime());
    }

    try {
      const handler = handlers[method] as (ctx: HandlerContext & { audit: RecordAudit }, input: unknown) => unknown;
      const note: AuditNote = {};
      const ctx = { services, client, session, audit: (n: AuditNote) => void Object.assign(note, n) };
      const action = spec.audit;
      const value = action
        ? // One transaction: the handler's change and its audit row are written together or not at all.
          services.vault.database.transaction(() => {
            const result = handler(ctx, parsed.data);
            if (result instanceof Promise) throw new Error('An audited handler must be synchronous.');
            appendAudit(services.vault.database, {
              action: note.action ?? action,
              actorId: session?.userId ?? null,
              actorName: session?.username ?? null,
              ...(note.targetId !== undefined ? { targetType: note.targetType ?? null, targetId: note.targetId } : defaultTarget(spec.scope, parsed.data)),
              ...(note.details ? { details: note.details } : {}),
              at: services.now().toISOString(),
            });
            return result;
          })()
        : await handler(ctx, parsed.data);
      if (options.validateOutput) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          log.error('api.outputMismatch', { method });
          return fail('internal');
        }
      }
      return ok(value);
    } catch (error) {
      if (error instanceof CodedError) return fail(error.code, error.params);
      log.error('api.unhandled', { method, kind: error instanceof Error ? error.name : typeof error });
      return fail('internal');
    }
  }
}

/** The audit target when the handler names none: the first id the scope declares. */
function defaultTarget(scope: Scope | undefined, input: unknown): { targetType: string | null; targetId: string | null } {
  if (typeof scope === 'object') {
    for (const [path, kind] of Object.entries(scope)) {
      const [id] = idsAt(input, path);
      if (id !== undefined) return { targetType: kind, targetId: String(id) };
    }
  }
  return { targetType: null, targetId: null };
}

/** The value at a dotted path ('members.0.person.firstName') of an input, or undefined. */
function valueAt(input: unknown, path: string): unknown {
  let value: unknown = input;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isEmptyValue = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
