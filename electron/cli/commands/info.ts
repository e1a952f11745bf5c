import { AppInfo } from '../../../shared/api/contract';
import type { Command } from '../command';
import { cliCore } from '../services';
import { callOrThrow } from '../call';

export const infoCommand: Command = {
  path: ['info'],
  summary: 'cli.help.cmd.info',
  usage: '[--json]',
  options: {},
  async run({ json, t, io }) {
    const { router } = cliCore(io.env);
    const info = AppInfo.parse(await callOrThrow(router, { session: null }, 'app.info', {}));
    if (json) {
      io.out(JSON.stringify(info));
      return;
    }
    io.out(
      [
        `${t('cli.info.name')}: ${info.name}`,
        `${t('cli.info.version')}: ${info.version}`,
        `${t('cli.info.schemaVersion')}: ${info.schemaVersion}`,
        `${t('cli.info.platform')}: ${info.platform}`,
      ].join('\n'),
    );
  },
};
