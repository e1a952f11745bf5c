/**
 * What a recorded assessment looked at: the ticked criteria (by domain, with
 * their level) and the domains screened ("looked at, nothing found"). Shown
 * in the supervisor's approval dialog and in the saved assessment's summary,
 * so a decision is never approved on its summary alone.
 */
import { useTranslation } from 'react-i18next';
import type { AssessmentRecord } from '../../../../shared/api/schemas/assessments';
import { DOMAINS, WALK_ORDER, criterionEntry, levelName, textOf, type CriterionEntry } from './instrumentText';

export function RecordedFindings({ record }: { record: Pick<AssessmentRecord, 'criteria' | 'screened' | 'instrumentVersion'> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const entries = record.criteria.map((id) => criterionEntry(id)).filter((entry): entry is CriterionEntry => entry !== undefined);
  const unknown = record.criteria.length - entries.length;
  const byDomain = WALK_ORDER.map((domain) => ({ domain, entries: entries.filter((e) => e.domain.id === domain.id) })).filter((group) => group.entries.length > 0);
  const screened = (record.screened ?? []).filter((id) => DOMAINS.has(id));
  return (
    <div className="recorded-findings" data-testid="recorded-findings">
      <h3 className="findings-title">{t('assessment.findings.ticked', { count: entries.length })}</h3>
      {byDomain.length === 0 ? (
        <p className="hint">{t('assessment.findings.noneTicked')}</p>
      ) : (
        <ul className="findings-list">
          {byDomain.map(({ domain, entries: inDomain }) => (
            <li key={domain.id}>
              <strong>{textOf(domain, language)}</strong>
              <ul>
                {inDomain.map(({ criterion }) => (
                  <li key={criterion.id} data-criterion={criterion.id}>
                    <span className={`level-dot level-dot-${criterion.level}`} aria-hidden="true" /> <span className="findings-level">{levelName(criterion.level, language)}:</span>{' '}
                    {textOf(criterion, language)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {unknown > 0 ? <p className="hint">{t('assessment.droppedCriteria', { count: unknown, version: record.instrumentVersion })}</p> : null}
      <h3 className="findings-title">{t('assessment.findings.screened', { count: screened.length })}</h3>
      {record.screened === null ? (
        <p className="hint">{t('assessment.findings.screenedUnknown')}</p>
      ) : screened.length === 0 ? (
        <p className="hint">{t('assessment.findings.noneScreened')}</p>
      ) : (
        <p className="findings-screened" data-testid="screened-domains">
          {screened.map((id) => textOf(DOMAINS.get(id)!, language)).join('; ')}
        </p>
      )}
    </div>
  );
}
