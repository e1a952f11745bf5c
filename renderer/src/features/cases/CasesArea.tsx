import { Route, Routes } from 'react-router';
import { CaseFilePage } from './CaseFilePage';
import { CasesListPage } from './CasesListPage';
import { NewCasePage } from './NewCasePage';
import { TransferImportPage } from '../transfers/TransferImportPage';

export function CasesArea() {
  return (
    <Routes>
      <Route index element={<CasesListPage />} />
      <Route path="new" element={<NewCasePage />} />
      <Route path="import" element={<TransferImportPage />} />
      <Route path=":caseId" element={<CaseFilePage />} />
    </Routes>
  );
}
