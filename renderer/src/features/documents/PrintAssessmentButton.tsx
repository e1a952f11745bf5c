import { Printer } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { useCan } from '../auth/SessionContext';
import { PrintDialog } from './PrintDialog';

/**
 * Prints the summary of one risk assessment (documents.assessmentSummary):
 * language, optional password, progress, then the preview. For any screen
 * that shows an assessment (the assessment page, the case's risk tab).
 */
export function PrintAssessmentButton({ assessmentId, label, variant = 'secondary' }: { assessmentId: number; label?: string; variant?: 'primary' | 'secondary' | 'quiet' }) {
  const { t } = useTranslation();
  const canPrint = useCan('document:print');
  const [open, setOpen] = useState(false);
  if (!canPrint) return null;
  return (
    <>
      <Button variant={variant} onPress={() => setOpen(true)}>
        <Printer aria-hidden="true" size={16} /> {label ?? t('documents.ui.assessment.button')}
      </Button>
      <PrintDialog
        isOpen={open}
        onClose={() => setOpen(false)}
        title={t('documents.ui.assessment.title')}
        fileName={t('documents.ui.assessment.file')}
        print={(request) => call('documents.assessmentSummary', { assessmentId, ...request })}
      />
    </>
  );
}
