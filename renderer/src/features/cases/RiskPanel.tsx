import { RiskHistory } from '../assessments/RiskHistory';

/** The case file's risk tab: the risk history (chart, list, reassessment) of the assessments feature. */
export function RiskPanel({ caseId, caseClosed }: { caseId: number; caseClosed: boolean }) {
  return <RiskHistory caseId={caseId} caseClosed={caseClosed} />;
}
