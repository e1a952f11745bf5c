/**
 * `kalkan demo`: fills a vault with invented, deterministic Turkish households
 * and cases (a new vault is created first when the file does not exist, with
 * --user as its administrator and KALKAN_PASSWORD as the password). Demo
 * staff get one known password, printed at the end, with an example case
 * that has an approved assessment, a sent referral and an upcoming hearing
 * (`showcase` in --json).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { newClientState } from '../../core/session';
import { generateDemo, type DemoResult } from '../../core/demo/generate';
import { demoShowcase } from '../../core/demo/records';
import { DEMO_PASSWORD, ensureDemoStaff } from '../../core/demo/staff';
import { requireString } from '../args';
import { callOrThrow } from '../call';
import type { Command, CommandContext } from '../command';
import { readSecret } from '../password';
import { coreFor, withVault } from '../vaultSession';

const MAX_CASES = 1_000_000;

function intOption(ctx: CommandContext, name: string, fallback: number | null, min: number, max: number): number {
  const raw = ctx.values[name];
  if (raw === undefined) {
    if (fallback === null) throw new CodedError('cli.missingOption', { option: `--${name}` });
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CodedError('cli.usage', { detail: `--${name} ${String(raw)} (${min}–${max})` });
  return n;
}

/** A progress bar on a terminal; otherwise a line at every tenth. */
function progressReporter(ctx: CommandContext, started: number) {
  const { io, t } = ctx;
  let lastTenth = -1;
  return (done: number, total: number) => {
    const share = done / total;
    const seconds = Math.round((performance.now() - started) / 1000);
    if (io.status) {
      const width = 30;
      const filled = Math.round(share * width);
      io.status(`[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${t('cli.demo.progress', { done, total, percent: Math.floor(share * 100), seconds })}`);
      if (done === total) io.status('');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      io.err(t('cli.demo.progress', { done, total, percent: Math.floor(share * 100), seconds }));
    }
  };
}

export const demoCommand: Command = {
  path: ['demo'],
  summary: 'cli.help.cmd.demo',
  usage: '--db FILE --user ADMIN --cases N [--seed S] [--now ISO-DATE] [--office TEXT] [--json]',
  options: { db: { type: 'string' }, user: { type: 'string' }, cases: { type: 'string' }, seed: { type: 'string' }, now: { type: 'string' }, office: { type: 'string' } },
  async run(ctx) {
    const { io, t } = ctx;
    const db = resolve(requireString(ctx.values, 'db'));
    const admin = requireString(ctx.values, 'user');
    const cases = intOption(ctx, 'cases', null, 1, MAX_CASES);
    const seed = intOption(ctx, 'seed', 1, 0, 2 ** 31 - 1);
    const now = typeof ctx.values.now === 'string' ? new Date(ctx.values.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new CodedError('cli.usage', { detail: `--now ${String(ctx.values.now)}` });

    let runCtx = ctx;
    const createdVault = !existsSync(db);
    if (createdVault) {
      const password = await readSecret(io, 'KALKAN_PASSWORD', t('cli.prompt.newPassword', { user: admin }), { prompt: t('cli.prompt.repeatPassword') });
      const core = coreFor(ctx, db);
      await callOrThrow(core.router, newClientState(), 'setup.create', {
        officeName: typeof ctx.values.office === 'string' ? ctx.values.office : 'Demo Çocuk Koruma Birimi',
        username: admin,
        displayName: admin,
        password,
      });
      // Sign in with the password just chosen, without asking again.
      runCtx = { ...ctx, io: { ...io, env: { ...io.env, KALKAN_PASSWORD: password } } };
      if (!ctx.json) io.err(t('cli.demo.created', { db }));
    }

    const { result, users, showcase } = await withVault(runCtx, 'users:manage', async ({ core, session }) => {
      const actor = { id: session.userId, username: session.username };
      const staff = await ensureDemoStaff(core.services.vault, cases, actor);
      const started = performance.now();
      const out: DemoResult = generateDemo(core.services.vault.database, { cases, seed, now, staff, actor, onProgress: progressReporter(ctx, started) });
      return { result: out, users: staff.users, showcase: demoShowcase(core.services.vault.database) };
    });

    if (ctx.json) {
      io.out(JSON.stringify({ db, createdVault, seed, now: now.toISOString(), result, showcase, users, password: DEMO_PASSWORD }));
      return;
    }
    io.out(
      [
        t('cli.demo.done', { cases: result.cases, people: result.people, notes: result.notes, seconds: (result.ms / 1000).toFixed(1) }),
        t('cli.demo.records', { assessments: result.assessments, referrals: result.referrals, hearings: result.hearings, orders: result.orders }),
        ...(showcase ? [t('cli.demo.showcase', { ...showcase })] : []),
        '',
        t('cli.demo.users'),
        ...users.map((u) => `  ${u.username.padEnd(16)} ${u.displayName.padEnd(18)} ${t(`roles.${u.role}`)}${u.created ? '' : ` ${t('cli.demo.existing')}`}`),
        '',
        t('cli.demo.password', { password: DEMO_PASSWORD }),
        t('cli.demo.warning'),
      ].join('\n'),
    );
  },
};
