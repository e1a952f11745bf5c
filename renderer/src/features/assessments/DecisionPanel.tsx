/**
 * The side panel of an assessment, live as criteria are ticked: the computed
 * level, the escalation suggestions (each with its rule and the criteria that
 * triggered it), the assessor's final level with its reason, the deadlines the
 * final level sets, and Save.
 */
import { ArrowUpCircle, Save } from 'lucide-react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { deadlineText, deadlinesFor } from '../../../../shared/risk-tool/deadlines';
import type { Assessment } from '../../../../shared/risk-tool/engine';
import { LEVEL_IDS, type LevelId } from '../../../../shared/risk-tool/types';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { focusCriterion } from './CriteriaWalk';
import { DOMAINS, FOOTNOTES, MIN_REASON_LENGTH, WALK_ORDER, criterionEntry, levelInfo, levelName, ruleText, textOf } from './instrumentText';

interface Props {
  result: Assessment;
  tickedCount: number;
  finalLevel: LevelId;
  onFinalLevel(level: LevelId): void;
  reason: string;
  onReason(value: string): void;
  reasonError: string | null;
  summary: string;
  onSummary(value: string): void;
  /** The final level will wait for a supervisor (Urgent/High, or Risk Yok on a case with a report of harm, by someone who may not approve). */
  needsApproval: boolean;
  /** A written reason is required (a level other than the computed one, or Risk Yok). */
  reasonNeeded: boolean;
  /** Jump to the next domain neither answered nor screened. */
  onNextOpen(): void;
  saving: boolean;
  error: string | null;
  canSave: boolean;
  onSave(): void;
}

export const DECISION_HEADING_ID = 'assess-decision-title';
/** The reason's textarea (React Aria puts a TextField's id on its input). */
export const REASON_ID = 'assess-reason';

export function DecisionPanel(props: Props) {
  const { result, tickedCount, finalLevel, onFinalLevel, reason, onReason, reasonError, summary, onSummary, needsApproval, reasonNeeded, onNextOpen, saving, error, canSave, onSave } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const differs = finalLevel !== result.computed;
  const reasonLength = reason.trim().length;

  return (
    <aside className="assess-side" aria-labelledby="assess-side-title">
      <h2 id="assess-side-title" className="visually-hidden">
        {t('assessment.sideTitle')}
      </h2>

      <section className="side-block completeness" aria-labelledby="assess-progress-title">
        <h3 id="assess-progress-title" className="side-title">
          {t('assessment.progressTitle')}
        </h3>
        <p className="progress-line" role="status" data-testid="domain-progress">
          {t('assessment.progress', { done: WALK_ORDER.length - result.missingDomains.length, total: WALK_ORDER.length })}
        </p>
        <progress className="domain-progress" max={WALK_ORDER.length} value={WALK_ORDER.length - result.missingDomains.length} aria-hidden="true" />
        {result.complete ? (
          <p className="hint">{t('assessment.allLookedAt')}</p>
        ) : (
          <Button variant="secondary" onPress={onNextOpen}>
            {t('assessment.nextOpen')}
          </Button>
        )}
      </section>

      <section className="side-block" aria-labelledby="assess-computed-title">
        <h3 id="assess-computed-title" className="side-title">
          {t('assessment.computed')}
        </h3>
        <div className="computed-row" aria-live="polite">
          <LevelBadge level={result.computed} size="lg" />
          <span className="hint">{t('assessment.computedFrom', { count: tickedCount })}</span>
        </div>
        <p className="side-meaning">{textOf(levelInfo(result.computed).meaning, language)}</p>
      </section>

      {result.rules.length > 0 ? (
        <section className="side-block suggestions" aria-labelledby="assess-suggest-title">
          <h3 id="assess-suggest-title" className="side-title">
            {t('assessment.suggestions', { count: result.rules.length })}
          </h3>
          <ul className="suggestion-list">
            {result.rules.map((rule) => (
              <li key={`${rule.rule}-${rule.to}`} className="suggestion">
                <p className="suggestion-head">
                  <ArrowUpCircle aria-hidden="true" size={16} />
                  {t('assessment.suggestTo')} <LevelBadge level={rule.to} />
                </p>
                <p className="suggestion-rule">{ruleText(rule.rule, language)}</p>
                {rule.factors !== undefined && rule.domains !== undefined ? (
                  <p className="suggestion-count">{t('assessment.countedFactors', { factors: rule.factors, domains: rule.domains })}</p>
                ) : null}
                <p className="suggestion-because">{t('assessment.triggeredBy')}</p>
                <ul className="suggestion-criteria">
                  {rule.criteria.map((id) => {
                    const entry = criterionEntry(id);
                    if (!entry) return null;
                    return (
                      <li key={id}>
                        <button type="button" className="link-button" onClick={() => focusCriterion(id)}>
                          <span className="suggestion-domain">{textOf(entry.domain, language)}</span> · {levelName(entry.criterion.level, language)}
                        </button>
                        <span className="suggestion-text">{textOf(entry.criterion, language)}</span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
          {result.suggested && result.suggested !== finalLevel ? (
            <Button
              variant="secondary"
              onPress={() => {
                onFinalLevel(result.suggested!);
                // The button goes away once applied; the next step is the reason the different level needs.
                requestAnimationFrame(() => document.getElementById(REASON_ID)?.focus());
              }}
            >
              {t('assessment.applySuggestion', { level: levelName(result.suggested, language) })}
            </Button>
          ) : null}
        </section>
      ) : null}

      <section className="side-block" aria-labelledby={DECISION_HEADING_ID}>
        <h3 id={DECISION_HEADING_ID} className="side-title" tabIndex={-1}>
          {t('assessment.decision')}
        </h3>
        <RadioGroup className="level-radios" value={finalLevel} onChange={(value) => onFinalLevel(value as LevelId)}>
          <Label className="field-label">{t('assessment.finalLevel')}</Label>
          {LEVEL_IDS.map((level) => (
            <Radio key={level} value={level} className={`level-radio level-radio-${level}`}>
              <span className="radio-circle" aria-hidden="true" />
              <span className={`level-dot level-dot-${level}`} aria-hidden="true" />
              <span className="level-radio-name">{levelName(level, language)}</span>
              {level === result.computed ? <span className="level-radio-tag">{t('assessment.tagComputed')}</span> : null}
              {level === result.suggested ? <span className="level-radio-tag tag-suggested">{t('assessment.tagSuggested')}</span> : null}
            </Radio>
          ))}
        </RadioGroup>

        <TextField
          id={REASON_ID}
          label={reasonNeeded ? t('assessment.reasonRequired') : t('assessment.reasonOptional')}
          description={
            differs ? t('assessment.reasonHint', { min: MIN_REASON_LENGTH, count: reasonLength }) : reasonNeeded ? t('assessment.noRiskReasonHint', { min: MIN_REASON_LENGTH, count: reasonLength }) : undefined
          }
          value={reason}
          onChange={onReason}
          error={reasonError}
          isRequired={reasonNeeded}
          multiline
          rows={reasonNeeded ? 3 : 2}
        />
        {needsApproval ? <Alert tone="info">{finalLevel === 'none' ? t('assessment.needsApprovalNoRisk') : t('assessment.needsApproval')}</Alert> : null}
      </section>

      <section className="side-block" aria-labelledby="assess-deadlines-title">
        <h3 id="assess-deadlines-title" className="side-title">
          {t('assessment.deadlinesFor', { level: levelName(finalLevel, language) })}
        </h3>
        <ul className="deadline-list">
          {deadlinesFor(finalLevel).map((deadline) => (
            <li key={deadline.kind}>{deadlineText(t, deadline)}</li>
          ))}
        </ul>
        <p className="hint">{textOf(levelInfo(finalLevel).response, language)}</p>
        {finalLevel === 'urgent' ? <p className="side-note">{textOf(FOOTNOTES.get('urgent-intervention-note')!, language)}</p> : null}
      </section>

      <div className="side-block">
        <TextField label={t('assessment.summary')} description={t('assessment.summaryHint')} value={summary} onChange={onSummary} multiline rows={2} />
      </div>

      <div className="side-save">
        {!result.complete ? (
          <p className="hint" data-testid="missing-domains">
            {t('assessment.missingBeforeSave', { count: result.missingDomains.length, domains: result.missingDomains.map((id) => textOf(DOMAINS.get(id)!, language)).join('; ') })}
          </p>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button variant="primary" onPress={onSave} isDisabled={saving || !canSave} className="assess-save">
          <Save aria-hidden="true" size={16} />
          {saving ? t('assessment.saving') : t('assessment.save')}
        </Button>
      </div>
    </aside>
  );
}
