import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import type { Bilingual, Instrument } from '../../../shared/risk-tool/types';
import type { Language } from '../../../shared/i18n/languages';
import type { Command } from '../command';

/**
 * The instrument as `kalkan tool --json` prints it. The field names are a
 * contract (issue 5): levels {id,tr,en,…}, domains {id,kind,tr,en,criteria:
 * [{id,level,tr,en,mayBeHigher,inferred,…, age?: {min?, max?}}], guidance?}, rules,
 * footnotes, retired (ids of earlier versions → the id replacing each, or null). Built field by
 * field so the booleans are always present and nothing else leaks in.
 */
export function instrumentJson(instrument: Instrument) {
  return {
    version: instrument.version,
    title: instrument.title,
    levels: instrument.levels.map(({ id, tr, en, meaning, response }) => ({ id, tr, en, meaning, response })),
    domains: instrument.domains.map((domain) => ({
      id: domain.id,
      kind: domain.kind,
      tr: domain.tr,
      en: domain.en,
      ...(domain.description ? { description: domain.description } : {}),
      ...(domain.guidance ? { guidance: domain.guidance } : {}),
      criteria: domain.criteria.map((criterion) => ({
        id: criterion.id,
        level: criterion.level,
        tr: criterion.tr,
        en: criterion.en,
        mayBeHigher: criterion.mayBeHigher,
        inferred: criterion.inferred,
        ...(criterion.inferredReason ? { inferredReason: criterion.inferredReason } : {}),
        footnotes: criterion.footnotes,
        ...(criterion.age ? { age: { ...criterion.age } } : {}),
      })),
    })),
    rules: instrument.rules.map(({ id, tr, en }) => ({ id, tr, en })),
    footnotes: instrument.footnotes.map(({ id, tr, en, ageRange }) => ({ id, tr, en, ...(ageRange ? { ageRange } : {}) })),
    retired: { ...(instrument.retired ?? {}) },
  };
}

export const text = (value: Bilingual, lang: Language): string => value[lang];

export const toolCommand: Command = {
  path: ['tool'],
  summary: 'cli.help.cmd.tool',
  usage: '[--json]',
  options: {},
  run({ json, lang, t, io }) {
    if (json) {
      io.out(JSON.stringify(instrumentJson(INSTRUMENT)));
      return;
    }
    const lines = [text(INSTRUMENT.title, lang), `${t('cli.tool.version')}: ${INSTRUMENT.version}`, '', `${t('cli.tool.levels')}:`];
    for (const level of INSTRUMENT.levels) lines.push(`  ${level.id.padEnd(7)} ${text(level, lang)}: ${text(level.response, lang)}`);
    for (const kind of ['harm', 'vulnerability'] as const) {
      lines.push('', `${t(`cli.tool.kind.${kind}`)}:`);
      for (const domain of INSTRUMENT.domains.filter((d) => d.kind === kind)) {
        lines.push(`  ${text(domain, lang)} (${t('cli.tool.criteria', { count: domain.criteria.length })})`);
      }
    }
    const total = INSTRUMENT.domains.reduce((sum, domain) => sum + domain.criteria.length, 0);
    lines.push('', t('cli.tool.total', { domains: INSTRUMENT.domains.length, criteria: total, footnotes: INSTRUMENT.footnotes.length }));
    io.out(lines.join('\n'));
  },
};
