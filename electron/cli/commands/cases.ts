/**
 * `kalkan cases list` and `kalkan search`: the case list and the search box
 * on the command line, through the same router (same visibility rules, same
 * Turkish folding and sorting) as the app.
 */
import { CodedError } from '../../../shared/api/envelope';
import { CASE_SORTS, CASE_STATUSES, type CaseList, type SearchHit } from '../../../shared/api/schemas/cases';
import { toDate } from '../../../shared/time/localDays';
import { requireString } from '../args';
import type { Command, CommandContext } from '../command';
import { withVault } from '../vaultSession';

const VAULT_OPTIONS = { db: { type: 'string' }, user: { type: 'string' } } as const;

/** Pads to a width counted in characters (Turkish letters are one each). */
const pad = (text: string, width: number): string => (text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

const dateOf = (ctx: CommandContext, iso: string): string =>
  new Intl.DateTimeFormat(ctx.lang === 'tr' ? 'tr-TR' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(toDate(iso));

function parseStatuses(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const list = value.split(',').map((s) => s.trim());
  const bad = list.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
  if (bad.length) throw new CodedError('cli.usage', { detail: `--status ${bad.join(',')} (${CASE_STATUSES.join(', ')})` });
  return list;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new CodedError('cli.usage', { detail: `--limit ${String(value)} (1–500)` });
  return n;
}

export const casesListCommand: Command = {
  path: ['cases', 'list'],
  summary: 'cli.help.cmd.casesList',
  usage: `--db FILE --user NAME [--status ${CASE_STATUSES.join('|')}[,…]] [--sort ${CASE_SORTS.join('|')}] [--limit N] [--json]`,
  options: { ...VAULT_OPTIONS, status: { type: 'string' }, limit: { type: 'string' }, sort: { type: 'string' } },
  async run(ctx) {
    const status = parseStatuses(ctx.values.status);
    const limit = parseLimit(ctx.values.limit);
    const sort = ctx.values.sort;
    if (sort !== undefined && !(CASE_SORTS as readonly string[]).includes(String(sort))) throw new CodedError('cli.usage', { detail: `--sort ${String(sort)}` });
    const list = await withVault(ctx, 'case:read', ({ call }) =>
      call('cases.list', { limit, ...(status ? { status } : {}), ...(sort ? { sort, direction: sort === 'childName' ? 'asc' : 'desc' } : {}) }) as Promise<CaseList>,
    );
    if (ctx.json) {
      ctx.io.out(JSON.stringify(list));
      return;
    }
    const { t } = ctx;
    if (list.rows.length === 0) {
      ctx.io.out(t('cli.cases.none'));
      return;
    }
    for (const row of list.rows) {
      const child = row.child ? `${row.child.lastName} ${row.child.firstName}`.trim() : '—';
      ctx.io.out(
        [
          pad(row.caseNumber, 11),
          pad(t(`cases.status.${row.status}`) + (row.closurePending ? '*' : ''), 14),
          pad(t(`cases.priority.${row.priority ?? 'unset'}`), 18),
          pad(child + (row.childCount > 1 ? ` +${row.childCount - 1}` : ''), 28),
          pad(row.responsible.displayName, 20),
          dateOf(ctx, row.lastIntakeAt),
          row.flags.length ? ` ⚑ ${row.flags.map((f) => t(`cli.cases.flag.${f}`)).join(', ')}` : '',
        ]
          .join(' ')
          .trimEnd(),
      );
    }
    ctx.io.out(t('cli.cases.total', { total: list.total.toLocaleString(ctx.lang === 'tr' ? 'tr-TR' : 'en-GB'), shown: list.rows.length }));
  },
};

export const searchCommand: Command = {
  path: ['search'],
  summary: 'cli.help.cmd.search',
  usage: '--db FILE --user NAME --q TEXT [--limit N] [--json]',
  options: { ...VAULT_OPTIONS, q: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    const q = requireString(ctx.values, 'q');
    const limit = Math.min(100, parseLimit(ctx.values.limit ?? '30'));
    const { hits } = await withVault(ctx, 'case:read', ({ call }) => call('cases.search', { q, limit }) as Promise<{ hits: SearchHit[] }>);
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ hits }));
      return;
    }
    const { t } = ctx;
    if (hits.length === 0) {
      ctx.io.out(t('cli.search.none'));
      return;
    }
    for (const hit of hits) {
      const who = hit.person ? `${hit.person.firstName} ${hit.person.lastName}`.trim() : (hit.householdName ?? '');
      const line = [pad(hit.caseNumber, 11), pad(t(`cli.search.match.${hit.match}`), 12), pad(who, 28), t(`cases.status.${hit.status}`)].join(' ');
      ctx.io.out(hit.snippet ? `${line}\n${' '.repeat(12)}${hit.snippet}` : line);
    }
  },
};
