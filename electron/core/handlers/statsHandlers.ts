import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { StatsQuery } from '../../../shared/api/schemas/stats';
import { printDocument } from '../documents/documentService';
import type { HandlerContext, Handlers } from '../router';
import { writeStatsCsv } from '../stats/exportCsv';
import { statsBody, statsTitle } from '../stats/statsPdf';
import { computeStats, statsOptions } from '../stats/statsService';

/** Computes as a job: progress events between the queries (yielding so they reach the renderer), cancellable. */
function compute(ctx: HandlerContext, query: StatsQuery, jobId?: string) {
  const { services } = ctx;
  const session = ctx.session!;
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
