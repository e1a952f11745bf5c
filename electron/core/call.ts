/**
 * The one typed way to call the router from code that runs beside it (the
 * CLI, the tests, the core host): the contract's input and output types, and
 * an error envelope turned back into a CodedError (code and params only).
 */
import type { Input, Method, Output } from '../../shared/api/contract';
import { CodedError } from '../../shared/api/envelope';
import type { Router } from './router';
import type { ClientState } from './session';

/** The input argument: optional when the method's input has no required field. */
export type InputArg<M extends Method> = Record<never, never> extends Input<M> ? [input?: Input<M>] : [input: Input<M>];

export async function call<M extends Method>(router: Router, client: ClientState, method: M, ...[input]: InputArg<M>): Promise<Output<M>> {
  const reply = await router.handle(client, method, input ?? {});
  if (!reply.ok) throw new CodedError(reply.error.code, reply.error.params);
  return reply.value as Output<M>;
}
