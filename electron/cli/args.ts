/**
 * Argument parsing on top of node:util parseArgs. Every command declares its
 * options; unknown options are a usage error (exit 2). Anything that looks like
 * a password option is refused outright so a password never sits in shell
 * history or the process list.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CodedError } from '../../shared/api/envelope';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies OptionSpec;

const PASSWORD_LIKE = /^--?(password|passwd|pass|pw|p)(=|$)/i;

export function refusePasswordArgs(argv: readonly string[]): void {
  if (argv.some((arg) => PASSWORD_LIKE.test(arg))) throw new CodedError('cli.passwordArg');
}

export function parseCommandArgs(argv: string[], options: OptionSpec): { values: ParsedOptions; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedOptions, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const option = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CodedError('cli.unknownOption', { option });
    throw new CodedError('cli.usage', { detail: option || code || 'args' });
  }
}

export function requireString(values: ParsedOptions, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new CodedError('cli.missingOption', { option: `--${name}` });
  return value;
}
