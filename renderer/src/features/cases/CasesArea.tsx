import { Route, Routes } from 'react-router';
import { CaseFilePage } from './CaseFilePage';
import { CasesListPage } from './CasesListPage';
import { NewCasePage } from './NewCasePage';

export function CasesArea() {
  return (
    <Routes>
      <Route index element={<CasesListPage />} />
      <Route path="new" element={<NewCasePage />} />
      <Route path=":caseId" element={<CaseFilePage />} />
    </Routes>
  );
}
