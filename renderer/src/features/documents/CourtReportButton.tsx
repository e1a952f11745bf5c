import { Gavel } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { useCan } from '../auth/SessionContext';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraft } from '../drafts/useDraft';
import { PrintDialog } from './PrintDialog';

/**
 * "Court report": asks for the professional opinion and the recommendation
 * (both required; they are printed as typed), then prints documents.courtReport.
 * `hearingId` picks the hearing; by default the next one, else the latest.
 */
export function CourtReportButton({ caseId, hearingId, variant = 'secondary' }: { caseId: number; hearingId?: number; variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  const canPrint = useCan('document:print');
  const [open, setOpen] = useState(false);
  const [opinion, setOpinion] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const [tried, setTried] = useState(false);
  // The opinion and the recommendation are this user's draft until the report is printed.
  const draft = useDraft(canPrint ? `court:${caseId}:${hearingId ?? 'next'}` : null, {
    value: { opinion, recommendation },
    dirty: opinion.trim() !== '' || recommendation.trim() !== '',
    onRestore: (values) => {
      setOpinion(values.opinion);
      setRecommendation(values.recommendation);
      setOpen(true);
    },
  });
  if (!canPrint) return null;
  const required = (value: string) => (tried && value.trim() === '' ? t('documents.ui.required') : null);
  return (
    <>
      <Button variant={variant} onPress={() => setOpen(true)}>
        <Gavel aria-hidden="true" size={16} /> {t('documents.ui.courtReport.button')}
      </Button>
      <PrintDialog
        isOpen={open}
        onClose={() => {
          setOpen(false);
          setTried(false);
        }}
        title={t('documents.ui.courtReport.title')}
        fileName={t('documents.ui.courtReport.file')}
        invalid={() => {
          setTried(true);
          return opinion.trim() && recommendation.trim() ? null : t('documents.ui.courtReport.missing');
        }}
        print={async (request) => {
          const printed = await call('documents.courtReport', { caseId, ...(hearingId ? { hearingId } : {}), opinion, recommendation, ...request });
          await draft.clear();
          return printed;
        }}
      >
        <DraftNotice
          restoredAt={draft.restoredAt}
          onDiscard={() => {
            void draft.clear();
            setOpinion('');
            setRecommendation('');
          }}
        />
        <p className="hint">{t('documents.ui.courtReport.intro')}</p>
        <TextField label={t('documents.ui.courtReport.opinion')} multiline rows={6} value={opinion} onChange={setOpinion} isRequired validationBehavior="aria" description={t('documents.ui.courtReport.opinionHint')} error={required(opinion)} />
        <TextField
          label={t('documents.ui.courtReport.recommendation')}
          multiline
          rows={4}
          value={recommendation}
          onChange={setRecommendation}
          isRequired
          validationBehavior="aria"
          description={t('documents.ui.courtReport.recommendationHint')}
          error={required(recommendation)}
        />
      </PrintDialog>
    </>
  );
}
