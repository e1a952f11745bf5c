import type { ReactNode } from 'react';

/**
 * Slot for printing the court report of a case: the documents area fills this
 * in ('documents.courtReport', court data from electron/core/court/courtData.ts
 * `courtDataForCase`). It is rendered at the top of the case file's court tab;
 * until then it renders nothing.
 */
export function CourtReportSlot(props: { caseId: number }): ReactNode {
  void props;
  return null;
}
