import { Printer } from 'lucide-react';
import { useState } from 'react';
import type { AttachmentMeta } from '../../../../shared/api/schemas/attachments';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { useCan } from '../auth/SessionContext';
import { AnnexPicker } from './AnnexPicker';
import { PrintDialog } from './PrintDialog';

/**
 * Prints a referral's letter with its reply slip (documents.referralLetter).
 * The letter carries only the sections chosen on the referral; without consent
 * or a legal ground the button says why it cannot print yet.
 */
export function PrintReferralButton({ referralId, caseId, consentRecorded = true }: { referralId: number; caseId?: number; consentRecorded?: boolean }) {
  const { t } = useTranslation();
  const canPrint = useCan('document:print');
  const [open, setOpen] = useState(false);
  // Ekler: chosen per print (not stored), from the case's attachments.
  const [attachments, setAttachments] = useState<AttachmentMeta[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [append, setAppend] = useState(false);
  if (!canPrint) return null;
  const openDialog = () => {
    setChosen([]);
    setAppend(false);
    setOpen(true);
    if (caseId !== undefined) {
      void call('attachments.list', { caseId })
        .then((list) => setAttachments(list.items.filter((a) => !a.deleted)))
        .catch(() => setAttachments([]));
    }
  };
  return (
    <>
      <Button variant="secondary" onPress={openDialog} isDisabled={!consentRecorded} aria-describedby={consentRecorded ? undefined : `letter-needs-consent-${referralId}`}>
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
        print={(request) =>
          call('documents.referralLetter', {
            referralId,
            ...request,
            ...(chosen.length ? { attachmentIds: chosen, appendPdfs: append && attachments.some((a) => a.kind === 'pdf' && chosen.includes(a.id)) } : {}),
          })
        }
      >
        {caseId !== undefined ? <AnnexPicker options={attachments} value={chosen} onChange={setChosen} append={append} onAppendChange={setAppend} /> : null}
      </PrintDialog>
    </>
  );
}
