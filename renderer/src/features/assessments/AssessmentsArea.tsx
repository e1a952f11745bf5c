import { Route, Routes } from 'react-router';
import { AssessmentPage } from './AssessmentPage';
import { AssessmentsPage } from './AssessmentsPage';

/** /assessments (the list and approvals) and /assessments/new?caseId=N[&previousId=M] (a new assessment). */
export function AssessmentsArea() {
  return (
    <Routes>
      <Route index element={<AssessmentsPage />} />
      <Route path="new" element={<AssessmentPage />} />
      <Route path="*" element={<AssessmentsPage />} />
    </Routes>
  );
}
