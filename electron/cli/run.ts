/**
 * The CLI as a function of (argv, io) → exit code, so tests run it in-process
 * and main.ts only binds it to the real process.
 */
import { CodedError, errorKey } from '../../shared/api/envelope';
import { translator } from '../../shared/i18n';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/i18n/languages';
import { APP_VERSION } from '../core/version';
import { parseCommandArgs, refusePasswordArgs, GLOBAL_OPTIONS } from './args';
import type { Command, CommandIO } from './command';
import { COMMANDS } from './commands';
import { EXIT, exitCodeFor, type ExitCode } from './exitCodes';
import { renderHelp } from './help';

function pickLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const fromArg = index === -1 ? undefined : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  if (isLanguage(fromArg)) return fromArg;
  if (isLanguage(env.KALKAN_LANG)) return env.KALKAN_LANG;
  return DEFAULT_LANGUAGE;
}

function findCommand(words: string[]): Command | undefined {
  // Longest path first so 'user add' wins over a hypothetical 'user'.
  const sorted = [...COMMANDS].sort((a, b) => b.path.length - a.path.length);
  return sorted.find((cmd) => cmd.path.every((word, i) => words[i] === word));
}

export async function runCli(argv: string[], io: CommandIO): Promise<ExitCode> {
  const lang = pickLanguage(argv, io.env);
  const t = translator(lang);
  try {
    refusePasswordArgs(argv);
    const words = argv.filter((arg) => !arg.startsWith('-'));
    const command = findCommand(words);
    if (!command) {
      const { values, positionals } = parseCommandArgs(argv, {});
      if (values.version) {
        io.out(APP_VERSION);
        return EXIT.ok;
      }
      if (values.help || positionals.length === 0) {
        io.out(renderHelp(t));
        return values.help ? EXIT.ok : EXIT.usage;
      }
      throw new CodedError('cli.unknownCommand', { command: positionals.join(' ') });
    }
    const { values, positionals } = parseCommandArgs(argv, command.options);
    if (values.lang !== undefined && !isLanguage(values.lang)) throw new CodedError('cli.usage', { detail: `--lang ${String(values.lang)}` });
    if (values.help) {
      io.out(renderHelp(t, command));
      return EXIT.ok;
    }
    const result = await command.run({
      values,
      positionals: positionals.slice(command.path.length),
      json: values.json === true,
      lang,
      t,
      io,
    });
    return result ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CodedError) {
      io.err(t(errorKey(error.code), error.params ?? {}));
      return exitCodeFor(error.code);
    }
    // Never print a stack or message text: it could carry personal data.
    io.err(t('errors.internal'));
    return EXIT.other;
  }
}

export { GLOBAL_OPTIONS };
