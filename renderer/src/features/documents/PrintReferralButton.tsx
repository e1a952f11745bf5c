import { Printer } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { useCan } from '../auth/SessionContext';
import { PrintDialog } from './PrintDialog';

/**
 * Prints a referral's letter with its reply slip (documents.referralLetter).
 * The letter carries only the sections chosen on the referral; without consent
 * or a legal ground the button says why it cannot print yet.
 */
export function PrintReferralButton({ referralId, consentRecorded = true }: { referralId: number; consentRecorded?: boolean }) {
  const { t } = useTranslation();
  const canPrint = useCan('document:print');
  const [open, setOpen] = useState(false);
  if (!canPrint) return null;
  return (
    <>
      <Button variant="secondary" onPress={() => setOpen(true)} isDisabled={!consentRecorded} aria-describedby={consentRecorded ? undefined : `letter-needs-consent-${referralId}`}>
        <Printer aria-hidden="true" size={14} /> {t('documents.ui.referral.button')}
      </Button>
      {consentRecorded ? null : (
        <span className="hint" id={`letter-needs-consent-${referralId}`}>
          {t('documents.ui.referral.needsConsent')}
        </span>
      )}
      <PrintDialog
        isOpen={open}
        onClose={() => setOpen(false)}
        title={t('documents.ui.referral.title')}
        fileName={t('documents.ui.referral.file')}
        print={(request) => call('documents.referralLetter', { referralId, ...request })}
      />
    </>
  );
}
