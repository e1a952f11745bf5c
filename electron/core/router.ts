/**
 * The single entry point for every request, whatever the transport (Electron
 * IPC, the dev server's HTTP, the CLI). Steps, in order:
 *   1 method known?  2 input parses?  3 vault unlocked + session?
 *   4 role has permission?  5 handler  6 envelope reply
 * Nothing thrown inside ever reaches the caller as text: a CodedError becomes
 * its code, anything else becomes `internal`, and only the method name and the
 * code are logged.
 */
import { CodedError, fail, ok, type Envelope } from '../../shared/api/envelope';
import { contract, isMethod, type Method, type Output, type ParsedInput } from '../../shared/api/contract';
import { can } from '../../shared/auth/permissions';
import type { CoreServices } from './services';
import type { ClientState, Session } from './session';

export interface HandlerContext {
  services: CoreServices;
  client: ClientState;
  /** The signed-in user; non-null for every method whose access is not 'public'. */
  session: Session | null;
}

export type Handler<M extends Method> = (ctx: HandlerContext, input: ParsedInput<M>) => Promise<Output<M>> | Output<M>;
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
    const spec = contract[method];

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
      if (spec.access !== 'session' && !can(session.roles, spec.access)) return fail('auth.forbidden');
      services.idle.touch(services.now().getTime());
    }

    try {
      const handler = handlers[method] as Handler<Method>;
      const value = await handler({ services, client, session }, parsed.data as never);
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
