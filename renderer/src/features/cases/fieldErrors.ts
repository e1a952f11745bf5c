import type { TFunction } from 'i18next';
import { errorKey } from '../../../../shared/api/envelope';
import { ApiError } from '../../api/client';

const listOf = (value: unknown): string[] => String(value ?? '').split(',').filter(Boolean);

/**
 * The message for one form field from a core error: the core names the field
 * (`params.field`, or `params.fields` for schema failures) with a dotted path;
 * a field left empty (`params.empty`) reads "Required field".
 */
export function fieldErrorOf(t: TFunction, error: ApiError | null, path: string): string | null {
  if (!error) return null;
  const params = error.error.params ?? {};
  const fields = listOf(params.fields);
  if (params.field !== path && !fields.includes(path)) return null;
  if (error.error.code !== 'api.invalidInput') return t(errorKey(error.error.code), params);
  return listOf(params.empty).includes(path) ? t('intake.requiredField') : t('intake.invalidField');
}

export function formErrorOf(t: TFunction, error: ApiError | null): string | null {
  if (!error) return null;
  return t(errorKey(error.error.code), error.error.params ?? {});
}

/**
 * The error without the fields under `prefix` (the user has just changed them):
 * an error shown next to a field goes once the field is edited. Null when
 * nothing of it is left to show.
 */
export function withoutField(error: ApiError | null, prefix: string): ApiError | null {
  if (!error) return null;
  const params = error.error.params ?? {};
  const under = (path: string) => path === prefix || path.startsWith(`${prefix}.`);
  if (typeof params.field === 'string' && under(params.field)) return null;
  if (params.fields === undefined) return error;
  const fields = listOf(params.fields).filter((f) => !under(f));
  if (fields.length === listOf(params.fields).length) return error;
  if (fields.length === 0) return null;
  const empty = listOf(params.empty).filter((f) => !under(f));
  return new ApiError({ ...error.error, params: { ...params, fields: fields.join(','), empty: empty.join(',') } });
}
