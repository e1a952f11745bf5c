import { statSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CodedError } from '../../../shared/api/envelope';
import { runOffThread } from '../host/offload';
import { freezeDbFile } from '../vault/freeze';
import type { StatsQuery } from '../../../shared/api/schemas/stats';
import { printDocument } from '../documents/documentService';
import type { HandlerContext, Handlers } from '../router';
import { writeStatsCsv } from '../stats/exportCsv';
import { statsBody, statsTitle } from '../stats/statsPdf';
import { computeStats, statsOptions } from '../stats/statsService';

/**
 * Computes as a job: progress events between the queries, cancellable. Under
 * the core host, for a large vault (`services.offThreadMinBytes`), in a job worker on a copy of the frozen
 * file (shared with a running backup's), so no query holds the core thread; otherwise (CLI, unit
 * tests, a small vault) here, yielding between the queries.
 */
function compute(ctx: HandlerContext, query: StatsQuery, jobId?: string) {
  const { services } = ctx;
  const session = ctx.session!;
  const db = services.vault.database;
  const min = services.offThreadMinBytes;
  if (min !== null && statSync(services.vault.paths.db).size >= min) {
    const vault = services.vault;
    const dbKey = vault.withKey((key) => new Uint8Array(key));
    let release: (() => void) | null = null;
    return services.jobs
      .run(async (job) => {
        // Any frozen file will do: during a backup, the backup's (its start is seconds ago).
        release = await freezeDbFile(db, 'any');
        if (vault.state() !== 'unlocked' || vault.database !== db) throw new CodedError('auth.locked');
        const stats = await runOffThread(
          'stats.compute',
          {
            dbPath: vault.paths.db,
            dbKey,
            actor: { userId: session.userId, roles: session.roles },
            query,
            now: services.now().toISOString(),
            ...(vault.nativeBinding ? { nativeBinding: vault.nativeBinding } : {}),
          },
          { signal: job.signal, onProgress: (done, total, step) => job.progress(done, total, step) },
        );
        // A lock meanwhile closed (and checkpointed into) the file being copied: that result is not trusted.
        if (vault.state() !== 'unlocked' || vault.database !== db) throw new CodedError('auth.locked');
        return stats;
      }, jobId)
      .finally(() => {
        dbKey.fill(0);
        release?.();
      });
  }
  return services.jobs.run(
    (job) =>
      computeStats(
        services.vault.database,
        { userId: session.userId, roles: session.roles },
        query,
        {
          now: services.now(),
          onStep: async (done, total) => {
            job.progress(done, total, 'stats.step.compute');
            await yieldToLoop();
          },
        },
      ),
    jobId,
  );
}

export const statsHandlers = {
  'stats.options': ({ services, session }) => statsOptions(services.vault.database, { userId: session!.userId, roles: session!.roles }),
  'stats.period': (ctx, input) => compute(ctx, input, input.jobId),
  'stats.exportCsv': async (ctx, input) => {
    const { path, separator, language, overwrite, ...query } = input;
    const stats = await compute(ctx, query, input.jobId);
    const session = ctx.session!;
    return writeStatsCsv(ctx.services.vault.database, { userId: session.userId, username: session.username }, stats, { path, separator, language, overwrite }, ctx.services.now());
  },
  'documents.statistics': async (ctx, input) => {
    const { language, password, jobId, ...query } = input;
    const stats = await compute(ctx, query);
    return printDocument(
      ctx,
      { kind: 'statistics', language, title: statsTitle(language), target: { type: 'statistics', id: `${query.from}/${query.to}` }, password, jobId },
      (frame) => statsBody(stats, frame),
    );
  },
} satisfies Partial<Handlers>;
