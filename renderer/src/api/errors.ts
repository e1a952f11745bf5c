import type { TFunction } from 'i18next';
import { errorKey } from '../../../shared/api/envelope';
import { ApiError } from './client';

/** The translated message for anything a call may throw (never raw exception text). */
export function messageOf(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(errorKey(error.error.code), error.error.params ?? {});
  return t('errors.internal');
}

export function codeOf(error: unknown): string | null {
  return error instanceof ApiError ? error.error.code : null;
}
