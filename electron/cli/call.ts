import { CodedError } from '../../shared/api/envelope';
import type { Router } from '../core/router';
import type { ClientState } from '../core/session';

/** Calls the router and turns an error envelope back into a CodedError for the CLI's exit handling. */
export async function callOrThrow(router: Router, client: ClientState, method: string, input: unknown): Promise<unknown> {
  const reply = await router.handle(client, method, input);
  if (!reply.ok) throw new CodedError(reply.error.code, reply.error.params);
  return reply.value;
}
