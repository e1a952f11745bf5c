import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/useCall';
import { Select } from '../../components/ui/Select';
import { formatDateTime } from '../../i18n/format';
import { levelName } from '../assessments/instrumentText';
import { useCan } from '../auth/SessionContext';
import { PrintAssessmentButton } from './PrintAssessmentButton';

/** The case's risk tab: print the summary of an assessment of the case (the latest by default). */
export function AssessmentSummaryPicker({ caseId }: { caseId: number }) {
  const { t, i18n } = useTranslation();
  const canPrint = useCan('document:print');
  const list = useCall('assessments.listForCase', { caseId }, canPrint);
  const [chosen, setChosen] = useState<string | null>(null);
  const rows = list.data ?? [];
  if (!canPrint || rows.length === 0) return null;
  const id = chosen ?? String(rows[rows.length - 1]!.id);
  return (
    <section className="panel print-summary" aria-labelledby={`print-summary-${caseId}`}>
      <h3 id={`print-summary-${caseId}`}>{t('documents.ui.assessment.section')}</h3>
      <div className="inline-form">
        <Select
          label={t('documents.ui.assessment.pick')}
          value={id}
          onChange={setChosen}
          options={[...rows].reverse().map((a) => ({ id: String(a.id), label: `${formatDateTime(a.assessedAt, i18n.language)} — ${levelName(a.finalLevel, i18n.language)}` }))}
        />
        <PrintAssessmentButton assessmentId={Number(id)} />
      </div>
    </section>
  );
}
