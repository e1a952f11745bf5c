import { readFileSync } from 'node:fs';
import { CodedError } from '../../../shared/api/envelope';
import { deadlineText } from '../../../shared/risk-tool/deadlines';
import { assess, AssessInput, unknownCriteria, unknownDomains } from '../../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import type { LevelId } from '../../../shared/risk-tool/types';
import { requireString } from '../args';
import type { Command } from '../command';
import { text } from './tool';

/** Reads and validates the input file; every failure is a translated usage error (exit 2). */
export function readAssessInput(file: string): AssessInput {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new CodedError('cli.inputUnreadable', { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new CodedError('cli.inputNotJson', { file });
  }
  const parsed = AssessInput.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Unknown keys are reported by name; otherwise the path of the first bad value.
    const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.join(', ') : '';
    const field = keys || issue?.path.join('.') || '-';
    throw new CodedError('cli.inputInvalid', { file, field });
  }
  return parsed.data;
}

export const assessCommand: Command = {
  path: ['assess'],
  summary: 'cli.help.cmd.assess',
  usage: '--input FILE.json [--json]',
  options: { input: { type: 'string' } },
  run({ values, json, lang, t, io }) {
    const input = readAssessInput(requireString(values, 'input'));
    const unknown = unknownCriteria(INSTRUMENT, input.criteria);
    if (unknown.length > 0) throw new CodedError('cli.unknownCriteria', { ids: unknown.join(', ') });
    const unknownScreened = unknownDomains(INSTRUMENT, input.screened ?? []);
    if (unknownScreened.length > 0) throw new CodedError('cli.unknownDomains', { ids: unknownScreened.join(', ') });
    const result = assess(INSTRUMENT, input);
    if (json) {
      io.out(JSON.stringify({ instrumentVersion: INSTRUMENT.version, ...result }));
      return;
    }
    const levelName = (id: LevelId): string => {
      const level = INSTRUMENT.levels.find((l) => l.id === id);
      return level ? text(level, lang) : id;
    };
    const lines = [`${t('cli.assess.computed')}: ${levelName(result.computed)}`];
    lines.push(`${t('cli.assess.suggested')}: ${result.suggested ? levelName(result.suggested) : t('cli.assess.noSuggestion')}`);
    for (const escalation of result.rules) {
      const rule = INSTRUMENT.rules.find((r) => r.id === escalation.rule);
      lines.push(`  - ${levelName(escalation.to)}: ${rule ? text(rule, lang) : escalation.rule}`);
      const counted = escalation.factors !== undefined && escalation.domains !== undefined ? ` (${t('cli.assess.counted', { factors: escalation.factors, domains: escalation.domains })})` : '';
      lines.push(`    ${t('cli.assess.because')}${counted}: ${escalation.criteria.join(', ')}`);
    }
    for (const warning of result.warnings) lines.push(t('cli.assess.ageMismatch', { criterion: warning.criterion, age: warning.age }));
    lines.push(
      `${t('cli.assess.complete')}: ${result.complete ? t('cli.assess.completeYes') : t('cli.assess.completeNo', { count: result.missingDomains.length, ids: result.missingDomains.join(', ') })}`,
    );
    lines.push('', `${t('cli.assess.deadlines', { level: levelName(result.computed) })}:`);
    for (const deadline of result.deadlines) lines.push(`  - ${deadlineText(t, deadline)}`);
    if (result.footnotes.length > 0) {
      lines.push('', `${t('cli.assess.footnotes')}:`);
      for (const id of result.footnotes) {
        const footnote = INSTRUMENT.footnotes.find((f) => f.id === id);
        lines.push(`  [${id}] ${footnote ? text(footnote, lang) : ''}`);
      }
    }
    io.out(lines.join('\n'));
  },
};
