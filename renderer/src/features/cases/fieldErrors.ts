import type { TFunction } from 'i18next';
import { errorKey } from '../../../../shared/api/envelope';
import type { ApiError } from '../../api/client';

/**
 * The message for one form field from a core error: the core names the field
 * (`params.field`, or `params.fields` for schema failures) with a dotted path.
 */
export function fieldErrorOf(t: TFunction, error: ApiError | null, path: string): string | null {
  if (!error) return null;
  const params = error.error.params ?? {};
  const fields = String(params.fields ?? '').split(',');
  if (params.field !== path && !fields.includes(path)) return null;
  return error.error.code === 'api.invalidInput' ? t('intake.invalidField') : t(errorKey(error.error.code), params);
}

export function formErrorOf(t: TFunction, error: ApiError | null): string | null {
  if (!error) return null;
  return t(errorKey(error.error.code), error.error.params ?? {});
}
