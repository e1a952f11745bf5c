import type { ReactNode } from 'react';
import type { Referral } from '../../../../shared/api/schemas/referrals';
import { PrintReferralButton } from '../documents/PrintReferralButton';

/**
 * Printing the referral letter with its reply slip ('documents.referralLetter',
 * data from electron/core/referrals/letterData.ts `referralForLetter`), beside
 * each referral's actions in the case file.
 */
export function ReferralLetterSlot(props: { referral: Referral }): ReactNode {
  return <PrintReferralButton referralId={props.referral.id} caseId={props.referral.caseId} consentRecorded={props.referral.consentRecorded} />;
}
