import type { ReactNode } from 'react';
import type { Referral } from '../../../../shared/api/schemas/referrals';

/**
 * Slot for printing the referral letter (with its reply slip): the documents
 * area fills this in ('documents.referralLetter', data from
 * electron/core/referrals/letterData.ts `referralForLetter`). It is rendered
 * beside each referral's actions in the case file; until then it renders
 * nothing.
 */
export function ReferralLetterSlot(props: { referral: Referral }): ReactNode {
  void props;
  return null;
}
