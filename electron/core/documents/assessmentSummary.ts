/**
 * The assessment summary (documents.assessmentSummary): one risk assessment as
 * a colleague, a supervisor or a judge reads it. The child and the case; who
 * assessed, when, with which version of the tool; every ticked criterion in
 * full, per domain, with its level; the footnotes that applied; the computed
 * level, the level the rules suggested (each rule cited with the criteria
 * behind it), the level decided and the reason for a different one; approval;
 * and the deadlines the decision set, with their due dates and where they are.
 *
 * Criteria are numbered through the document, so a rule can cite them ("3, 5")
 * and footnotes are marked "[1]" where they apply.
 */
import type { TFunction } from 'i18next';
import type { DocumentResult } from '../../../shared/api/methods/documents';
import type { AssessmentRecord } from '../../../shared/api/schemas/assessments';
import type { Person, Task } from '../../../shared/api/schemas/cases';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { deadlineText, dueDates, type DueDate } from '../../../shared/risk-tool/deadlines';
import { assess, currentCriterionId, unknownCriteria } from '../../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import type { Domain } from '../../../shared/risk-tool/types';
import { getAssessment } from '../assessments/assessmentsService';
import { actorOf, type Actor } from '../cases/access';
import { getPerson } from '../cases/peopleRepo';
import { tasksForCase } from '../cases/tasksRepo';
import { userLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import type { HandlerContext } from '../router';
import { documentBlocks } from './blocks';
import { printDocument } from './documentService';
import { formatDateTime, formatDay } from './format';
import type { DocumentBody, FrameInfo } from './frame';
import { birthText, idText, inLanguage, instrumentIndex, levelName, personName } from './labels';
import type { Content } from './pdfTypes';

export interface SummaryDeadline extends DueDate {
  /** The task this deadline created (null: none found, e.g. an assessment recorded before tasks existed). */
  task: Pick<Task, 'doneAt' | 'cancelled' | 'dueAt'> | null;
}

export interface AssessmentSummaryData {
  assessment: AssessmentRecord;
  child: Person | null;
  previous: Pick<AssessmentRecord, 'assessedAt' | 'finalLevel'> | null;
  /** Footnote ids that applied (the engine's choice for the ticked criteria and the child's age). */
  footnotes: string[];
  /** Ticked ids the current instrument does not know (an older version of the tool). */
  unknownCriteria: string[];
  deadlines: SummaryDeadline[];
  now: Date;
}

/** Loads everything the summary prints; visibility as for assessments.get ('assessments.notFound' / 'cases.notFound'). */
export function loadAssessmentSummary(db: Db, actor: Actor, assessmentId: number, now: Date): AssessmentSummaryData {
  const assessment = getAssessment(db, actor, assessmentId);
  const child = assessment.childId !== null ? getPerson(db, assessment.childId) : null;
  // The previous assessment is on the same case (createAssessment checks it), so it is in sight.
  const previous = assessment.previousId !== null ? getAssessment(db, actor, assessment.previousId) : null;
  const unknown = unknownCriteria(INSTRUMENT, assessment.criteria);
  const known = assessment.criteria.filter((id) => !unknown.includes(id));
  const footnotes = assess(INSTRUMENT, { criteria: known, childAge: assessment.childAge ?? undefined }).footnotes;
  const tasks = tasksForCase(db, assessment.caseId, userLookup(db)).filter((task) => task.source === 'risk' && task.sourceId === String(assessment.id));
  const deadlines = dueDates(assessment.finalLevel, new Date(assessment.assessedAt)).map((deadline) => {
    const task = tasks.find((x) => x.kind === deadline.kind);
    return { ...deadline, task: task ? { doneAt: task.doneAt, cancelled: task.cancelled, dueAt: task.dueAt } : null };
  });
  return {
    assessment,
    child,
    previous: previous ? { assessedAt: previous.assessedAt, finalLevel: previous.finalLevel } : null,
    footnotes,
    unknownCriteria: unknown,
    deadlines,
    now,
  };
}

function statusText(a: AssessmentRecord, t: TFunction, language: Language): string {
  const when = a.decidedAt ? formatDateTime(a.decidedAt, language) : '';
  if (a.status === 'pending_approval') return t('documents.assessment.state.pending');
  if (a.status === 'returned') return t('documents.assessment.state.returned', { name: a.decidedBy?.name ?? '—', date: when });
  if (a.decidedBy && a.decidedBy.id !== a.assessedBy.id) return t('documents.assessment.state.approvedBy', { name: a.decidedBy.name, date: when });
  return t('documents.assessment.state.approved');
}

function deadlineStatus(d: SummaryDeadline, t: TFunction, language: Language, now: Date): string {
  if (!d.task) return t('documents.assessment.deadline.noTask');
  if (d.task.cancelled) return t('documents.assessment.deadline.superseded', { date: d.task.doneAt ? formatDateTime(d.task.doneAt, language) : '' });
  if (d.task.doneAt) return t('documents.assessment.deadline.done', { date: formatDateTime(d.task.doneAt, language) });
  return new Date(d.task.dueAt).getTime() < now.getTime() ? t('documents.assessment.deadline.overdue') : t('documents.assessment.deadline.open');
}

/** The body of the summary. */
export function assessmentSummaryBody(data: AssessmentSummaryData, frame: FrameInfo): DocumentBody {
  const { language } = frame;
  const t = translator(language);
  const b = documentBlocks(language);
  const k = (key: string, params?: Record<string, unknown>) => t(`documents.assessment.${key}`, params);
  const a = data.assessment;
  const index = instrumentIndex();
  const level = (id: Parameters<typeof levelName>[0]) => levelName(id, language, t);

  // Criteria in the instrument's order, numbered through the document; footnote numbers in the order the engine lists them.
  // Ids of an earlier tool version read as the criteria that replaced them.
  const current = (id: string) => currentCriterionId(INSTRUMENT, id) ?? id;
  const ticked = new Set(a.criteria.map(current));
  const footnoteNumber = new Map(data.footnotes.map((id, i) => [id, i + 1]));
  const numberOf = new Map<string, number>();
  const domains: Array<{ domain: Domain; rows: Array<Array<string | Content>> }> = [];
  for (const domain of INSTRUMENT.domains) {
    const rows: Array<Array<string | Content>> = [];
    for (const criterion of domain.criteria) {
      if (!ticked.has(criterion.id)) continue;
      const n = numberOf.size + 1;
      numberOf.set(criterion.id, n);
      const marks = criterion.footnotes.filter((f) => footnoteNumber.has(f)).map((f) => `[${footnoteNumber.get(f)}]`);
      rows.push([
        String(n),
        {
          text: [
            { text: inLanguage(criterion, language) },
            ...(marks.length ? [{ text: ` ${marks.join(' ')}`, color: '#14365d', fontSize: 8 }] : []),
          ],
          style: 'cell',
        },
        level(criterion.level),
      ]);
    }
    if (rows.length) domains.push({ domain, rows });
  }

  const columns = [
    { header: k('col.number'), width: 22 as const, alignment: 'right' as const },
    { header: k('col.criterion'), width: '*' as const },
    { header: k('col.level'), width: 86 as const },
  ];
  const criteriaBlocks: Content[] = [];
  for (const kind of ['harm', 'vulnerability'] as const) {
    const ofKind = domains.filter((d) => d.domain.kind === kind);
    if (!ofKind.length) continue;
    for (const { domain, rows } of ofKind) {
      criteriaBlocks.push(
        { text: [{ text: inLanguage(domain, language) }, { text: `  (${k(`kind.${kind}`)})`, color: '#5b6570', bold: false, fontSize: 9 }], style: 'h2', headlineLevel: 1 },
        b.table({ columns, rows }),
      );
    }
  }
  if (data.unknownCriteria.length) {
    criteriaBlocks.push({ text: k('unknownCriteria', { version: INSTRUMENT.version, ids: data.unknownCriteria.join(', ') }), style: 'small', color: '#5b6570' });
  }

  const cite = (ids: string[]) => ids.map((id) => numberOf.get(current(id))).filter((n): n is number => n !== undefined).join(', ');
  const highest = index.rule('highest-wins');
  const ruleItems: Content[] = [
    {
      text: [{ text: `${k('computedBy')} ` , bold: true }, { text: highest ? inLanguage(highest, language) : '' }],
      margin: [0, 0, 0, 4],
    },
    ...a.rules.map((r): Content => {
      const rule = index.rule(r.rule);
      return {
        text: [
          { text: `${k('ruleRaises', { from: level(r.from), to: level(r.to) })} `, bold: true },
          { text: rule ? inLanguage(rule, language) : r.rule },
          ...(r.factors !== undefined && r.domains !== undefined ? [{ text: `  ${k('ruleCounted', { factors: r.factors, domains: r.domains })}`, fontSize: 9 }] : []),
          { text: `  ${k('ruleCriteria', { list: cite(r.criteria) || '—' })}`, color: '#5b6570', fontSize: 9 },
        ],
        margin: [0, 0, 0, 4],
      };
    }),
  ];

  const child = data.child;
  const assessedAt = new Date(a.assessedAt);
  const overrideReason = a.finalLevel === a.computed ? (a.overrideReason ?? k('sameAsComputed')) : a.overrideReason;

  const content: Content[] = [
    ...b.section(k('section.assessment'), [
      b.keyValue([
        [k('child'), a.childName ?? personName(child)],
        [k('born'), child ? (child.birthDate ? formatDay(child.birthDate, language) : birthText(child, language, t, assessedAt)) : null],
        [k('ageAtAssessment'), a.childAge === null ? null : t('documents.person.years', { count: a.childAge })],
        [k('idNumber'), child ? idText(child, t) : null],
        [k('caseNumber'), a.caseNumber],
        [k('assessedBy'), a.assessedBy.name],
        [k('assessedAt'), formatDateTime(a.assessedAt, language)],
        [k('instrument'), `${inLanguage(INSTRUMENT.title, language)} — ${k('version', { version: a.instrumentVersion })}`],
        [k('status'), statusText(a, t, language)],
        ...(a.decisionNote ? [[k('decisionNote'), a.decisionNote] as [string, string]] : []),
        [k('previous'), data.previous ? `${formatDateTime(data.previous.assessedAt, language)} — ${level(data.previous.finalLevel)}` : k('firstAssessment')],
      ]),
    ]),
    ...b.section(k('section.result'), [
      b.keyValue([
        [k('computed'), { text: level(a.computed), bold: true }],
        [k('suggested'), a.suggested ? { text: level(a.suggested), bold: true } : k('noSuggestion')],
        [k('final'), { text: level(a.finalLevel), bold: true, color: '#14365d' }],
        [k('overrideReason'), overrideReason],
      ]),
      { text: k('rulesTitle'), style: 'h2', headlineLevel: 1 },
      ...ruleItems,
    ]),
    ...b.section(k('section.criteria', { count: numberOf.size }), criteriaBlocks, { emptyText: k('noCriteria') }),
    // Every domain not ticked was looked at with nothing found (tool 1.1.0); older assessments did not record it.
    ...b.section(
      k('section.screened', { count: a.screened?.length ?? 0 }),
      a.screened === null
        ? [{ text: k('screenedNotRecorded', { version: a.instrumentVersion }), style: 'small', color: '#5b6570' }]
        : [
            b.list(
              a.screened.map((id) => {
                const domain = INSTRUMENT.domains.find((d) => d.id === id);
                return domain ? `${inLanguage(domain, language)} — ${k('screenedMark')}` : id;
              }),
              { emptyText: k('noneScreened') },
            ),
          ],
      { emptyText: k('noneScreened') },
    ),
    ...b.section(
      k('section.footnotes'),
      data.footnotes.map((id, i): Content => {
        const footnote = index.footnote(id);
        return { columns: [{ text: `[${i + 1}]`, width: 24, bold: true, fontSize: 9 }, { text: footnote ? inLanguage(footnote, language) : id, fontSize: 9 }], margin: [0, 0, 0, 4] };
      }),
      { emptyText: k('noFootnotes') },
    ),
    ...b.section(k('section.summary'), b.longText(a.summary)),
    ...b.section(k('section.deadlines', { level: level(a.finalLevel) }), [
      b.table({
        columns: [{ header: k('col.deadline'), width: '*' }, { header: k('col.due'), width: 92 }, { header: k('col.state'), width: 130 }],
        rows: data.deadlines.map((d) => [deadlineText(t, d), formatDateTime(d.due, language), deadlineStatus(d, t, language, data.now)]),
      }),
      { text: inLanguage(INSTRUMENT.levels.find((l) => l.id === a.finalLevel)!.response, language), style: 'small', color: '#5b6570' },
    ]),
    b.signatures([
      { role: k('signAssessor'), name: a.assessedBy.name },
      { role: k('signApprover'), name: a.decidedBy && a.decidedBy.id !== a.assessedBy.id ? a.decidedBy.name : null },
    ]),
  ];
  return { subtitle: `${a.childName ?? '—'} · ${t('documents.frame.caseRef')} ${a.caseNumber}`, content };
}

/** documents.assessmentSummary */
export async function printAssessmentSummary(
  ctx: HandlerContext,
  input: { assessmentId: number; language: Language; password?: string | undefined; jobId?: string | undefined },
): Promise<DocumentResult> {
  const db = ctx.services.vault.database;
  const data = loadAssessmentSummary(db, actorOf(ctx.session!), input.assessmentId, ctx.services.now());
  const t = translator(input.language);
  return printDocument(
    ctx,
    {
      kind: 'assessmentSummary',
      language: input.language,
      title: t('documents.assessment.title'),
      caseId: String(data.assessment.caseId),
      caseRef: data.assessment.caseNumber,
      target: { type: 'assessment', id: String(data.assessment.id) },
      password: input.password,
      jobId: input.jobId,
    },
    (frame) => assessmentSummaryBody(data, frame),
  );
}
