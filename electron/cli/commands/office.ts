/**
 * `kalkan office`: shows or sets the office's letterhead (issue 15), the one
 * every document prints. Without a setting flag it shows it; with any, it sets
 * those (an empty value clears one) and shows the result. Admins only
 * ('settings:write').
 *
 *   kalkan office --db FILE --user ADMIN [--name TEXT] [--address TEXT] [--phone TEXT] [--email TEXT]
 *       [--kep TEXT] [--province NAME] [--district NAME] [--file-code TEXT] [--logo FILE.png] [--json]
 *   kalkan office --db FILE --user ADMIN --transfer-key-out OFFICE.pub   (issue 17: see transfer.ts)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import type { OfficeUpdate, OfficeView } from '../../../shared/api/schemas/office';
import type { Command } from '../command';
import { writeTransferKey } from './transfer';
import { withVault } from '../vaultSession';

/** Flag → field of office.update. */
const TEXT_FLAGS = {
  name: 'name',
  address: 'address',
  phone: 'phone',
  email: 'email',
  kep: 'kep',
  province: 'province',
  district: 'district',
  'file-code': 'fileCode',
} as const satisfies Record<string, keyof OfficeUpdate>;

export const officeCommand: Command = {
  path: ['office'],
  summary: 'cli.help.cmd.office',
  usage: '--db FILE --user ADMIN [--name TEXT] [--address TEXT] [--phone TEXT] [--email TEXT] [--kep TEXT] [--province NAME] [--district NAME] [--file-code TEXT] [--logo FILE.png] [--transfer-key-out OFFICE.pub] [--json]',
  options: {
    db: { type: 'string' },
    user: { type: 'string' },
    ...Object.fromEntries(Object.keys(TEXT_FLAGS).map((flag) => [flag, { type: 'string' } as const])),
    logo: { type: 'string' },
    'transfer-key-out': { type: 'string' },
  },
  async run(ctx) {
    const keyOut = ctx.values['transfer-key-out'];
    if (typeof keyOut === 'string') {
      await writeTransferKey(ctx, keyOut);
      return;
    }
    const patch: Record<string, unknown> = {};
    for (const [flag, field] of Object.entries(TEXT_FLAGS)) {
      const value = ctx.values[flag];
      if (typeof value === 'string') patch[field] = value;
    }
    const logo = ctx.values.logo;
    if (typeof logo === 'string') {
      let bytes: Buffer;
      try {
        bytes = readFileSync(resolve(logo));
      } catch {
        throw new CodedError('cli.inputUnreadable', { file: logo });
      }
      patch.logo = { base64: bytes.toString('base64') };
    }
    const view = await withVault(ctx, 'settings:write', async ({ call }) =>
      (Object.keys(patch).length ? await call('office.update', patch) : await call('office.get', {})) as OfficeView,
    );
    if (ctx.json) {
      const { logo: shown, ...fields } = view;
      ctx.io.out(JSON.stringify({ ...fields, logo: shown ? { mime: shown.mime, width: shown.width, height: shown.height, bytes: Buffer.from(shown.base64, 'base64').length } : null }));
      return;
    }
    const t = ctx.t;
    const none = t('cli.office.none');
    const rows: Array<[string, string | null]> = [
      [t('cli.office.name'), view.printedName],
      [t('cli.office.address'), view.address],
      [t('cli.office.phone'), view.phone],
      [t('cli.office.email'), view.email],
      [t('cli.office.kep'), view.kep],
      [t('cli.office.province'), view.province],
      [t('cli.office.district'), view.district],
      [t('cli.office.fileCode'), view.fileCode],
      [t('cli.office.logo'), view.logo ? `${view.logo.mime}, ${view.logo.width}×${view.logo.height}` : null],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    ctx.io.out(rows.map(([label, value]) => `${label.padEnd(width)}  ${value ?? none}`).join('\n'));
  },
};
