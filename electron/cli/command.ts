import type { TFunction } from 'i18next';
import type { Language } from '../../shared/i18n/languages';
import type { OptionSpec, ParsedOptions } from './args';
import type { ExitCode } from './exitCodes';

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** True when stdin is an interactive terminal (password prompts are allowed). */
  interactive: boolean;
  /**
   * Rewrites one status line on a terminal (progress bars); absent when stderr
   * is not a terminal, where long commands print a line now and then instead.
   */
  status?: (text: string) => void;
}

export interface CommandContext {
  values: ParsedOptions;
  positionals: string[];
  json: boolean;
  lang: Language;
  t: TFunction;
  io: CommandIO;
}

export interface Command {
  /** Words that select it: ['user', 'add']. */
  path: string[];
  /** i18n key of its one-line summary. */
  summary: string;
  /** Usage line after the command words, e.g. '--db FILE --admin NAME [--json]'. */
  usage?: string;
  options: OptionSpec;
  run(ctx: CommandContext): Promise<ExitCode | void> | ExitCode | void;
}
