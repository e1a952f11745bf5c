import { RiskHistory } from '../assessments/RiskHistory';
import { AssessmentSummaryPicker } from '../documents/AssessmentSummaryPicker';

/** The case file's risk tab: the risk history (chart, list, reassessment) of the assessments feature, and printing a summary. */
export function RiskPanel({ caseId, caseClosed }: { caseId: number; caseClosed: boolean }) {
  return (
    <>
      <RiskHistory caseId={caseId} caseClosed={caseClosed} />
      <AssessmentSummaryPicker caseId={caseId} />
    </>
  );
}
