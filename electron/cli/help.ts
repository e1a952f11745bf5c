import type { TFunction } from 'i18next';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { EXIT } from './exitCodes';

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - text.length));

export function renderHelp(t: TFunction, only?: Command): string {
  const commands = only ? [only] : COMMANDS;
  const lines = [t('cli.help.usage'), '', t('cli.help.intro'), '', t('cli.help.commands')];
  const heads = commands.map((cmd) => `  kalkan ${cmd.path.join(' ')}${cmd.usage ? ` ${cmd.usage}` : ''}`);
  const width = Math.min(64, Math.max(...heads.map((h) => h.length)) + 2);
  commands.forEach((cmd, i) => {
    const head = heads[i]!;
    lines.push(head.length >= width ? `${head}\n${' '.repeat(width)}${t(cmd.summary)}` : `${pad(head, width)}${t(cmd.summary)}`);
  });
  lines.push('', t('cli.help.options'));
  for (const [flag, key] of [
    ['--help, -h', 'help'],
    ['--lang tr|en', 'lang'],
    ['--json', 'json'],
    ['--version, -v', 'version'],
  ] as const) {
    lines.push(`  ${pad(flag, 18)}${t(`cli.help.opt.${key}`)}`);
  }
  lines.push('', t('cli.help.exitCodes'));
  for (const code of Object.values(EXIT).sort()) lines.push(`  ${code}  ${t(`cli.help.exit.${code}`)}`);
  lines.push('', t('cli.help.passwords'));
  return lines.join('\n');
}
