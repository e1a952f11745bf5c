/**
 * Replies cross every process boundary as data, never as thrown objects:
 * the renderer sees a stable code it can translate, and nothing else.
 */
export type ErrorParams = Record<string, string | number>;

export interface AppError {
  /** Stable code; its message is the i18n key `errors.<code>` in both catalogs. */
  code: string;
  params?: ErrorParams;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: string, params?: ErrorParams): Envelope<never> =>
  params ? { ok: false, error: { code, params } } : { ok: false, error: { code } };

/** i18n key for an error code. */
export const errorKey = (code: string): string => `errors.${code}`;

/**
 * Thrown inside core services to abort with a user-facing code. The router turns
 * it into an envelope; any other exception becomes `internal` with no detail.
 */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    readonly params?: ErrorParams,
  ) {
    super(code);
    this.name = 'CodedError';
  }
}
