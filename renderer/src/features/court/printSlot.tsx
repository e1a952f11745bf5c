import type { ReactNode } from 'react';
import { CourtReportButton } from '../documents/CourtReportButton';

/**
 * Printing the court report of a case ('documents.courtReport', court data
 * from electron/core/court/courtData.ts `courtDataForCase`), at the top of the
 * case file's court tab.
 */
export function CourtReportSlot(props: { caseId: number }): ReactNode {
  return (
    <div className="row-actions court-print">
      <CourtReportButton caseId={props.caseId} />
    </div>
  );
}
