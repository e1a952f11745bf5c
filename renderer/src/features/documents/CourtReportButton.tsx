import { Gavel, Save } from 'lucide-react';
import { useRef, useState } from 'react';
import { Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ART5_MEASURES, type CourtReportDraftContent, type CourtReportPreparation } from '../../../../shared/api/schemas/courtReport';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { useCan } from '../auth/SessionContext';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraft } from '../drafts/useDraft';
import { AnnexPicker } from './AnnexPicker';
import { PrintDialog } from './PrintDialog';
import { DateInput } from '../../components/ui/DateInput';

const EMPTY: CourtReportDraftContent = {
  requestOrderedOn: null,
  methodNoteIds: null,
  familyHistory: '',
  development: '',
  childViews: '',
  childHeard: '',
  housing: '',
  opinion: '',
  recommendation: '',
  measures: [],
  attachmentIds: [],
  appendPdfs: false,
};

const TEXTS = ['familyHistory', 'development', 'childViews', 'childHeard', 'housing', 'opinion', 'recommendation'] as const;

/**
 * "Social inquiry report": on opening, asks core what the report still lacks
 * (documents.courtReportPrepare) and says it before anything is typed (no
 * assessment: printing is refused); loads the stored draft of the report for
 * the case and hearing, lets the user tick the visits and interviews to list
 * under "Method", type the parts only a person can write and choose the art. 5
 * measures; saves them as the next draft version (documents.courtReportSaveDraft)
 * or prints (documents.courtReport saves them first).
 */
export function CourtReportButton({ caseId, hearingId, variant = 'secondary' }: { caseId: number; hearingId?: number; variant?: 'primary' | 'secondary' }) {
  const { t, i18n } = useTranslation();
  const canPrint = useCan('document:print');
  const [open, setOpen] = useState(false);
  const [prep, setPrep] = useState<CourtReportPreparation | null>(null);
  const [draft, setDraft] = useState<CourtReportDraftContent>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  // What is typed is this user's autosaved draft (drafts.*) until it is saved as a version of the report or printed;
  // a restored autosave wins over the stored version when the dialog loads.
  const restoredDraft = useRef<CourtReportDraftContent | null>(null);
  const autosave = useDraft(canPrint ? `court:${caseId}:${hearingId ?? 'next'}` : null, {
    value: draft,
    dirty: open && JSON.stringify(draft) !== JSON.stringify(prep?.draft?.content ?? EMPTY),
    onRestore: (values) => {
      restoredDraft.current = { ...EMPTY, ...values };
      setDraft(restoredDraft.current);
      setOpen(true);
      void load();
    },
  });
  if (!canPrint) return null;
  const ids = { caseId, ...(hearingId ? { hearingId } : {}) };
  const set = <K extends keyof CourtReportDraftContent>(key: K, value: CourtReportDraftContent[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const required = (value: string) => (tried && value.trim() === '' ? t('documents.ui.required') : null);
  const noAssessment = prep?.missing.includes('assessment') ?? false;
  const missingNow = prep ? [...(noAssessment ? ['assessment'] : []), ...(['opinion', 'recommendation'] as const).filter((k) => draft[k].trim() === '')] : [];
  const chosen = draft.methodNoteIds ?? prep?.methodItems.map((m) => m.noteId) ?? [];
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'tr-TR', { dateStyle: 'short', timeStyle: 'short' });

  const load = async () => {
    setNotice(null);
    try {
      const p = await call('documents.courtReportPrepare', ids);
      setPrep(p);
      setDraft(restoredDraft.current ?? p.draft?.content ?? EMPTY);
      restoredDraft.current = null;
    } catch (e) {
      setNotice(messageOf(t, e));
    }
  };
  const save = async () => {
    try {
      const saved = await call('documents.courtReportSaveDraft', { ...ids, content: draft });
      await autosave.clear();
      setNotice(t('documents.ui.courtReport.saved', { version: saved.version }));
    } catch (e) {
      setNotice(messageOf(t, e));
    }
  };

  return (
    <>
      <Button
        variant={variant}
        onPress={() => {
          setOpen(true);
          void load();
        }}
      >
        <Gavel aria-hidden="true" size={16} /> {t('documents.ui.courtReport.button')}
      </Button>
      <PrintDialog
        isOpen={open}
        onClose={() => {
          setOpen(false);
          setTried(false);
          setPrep(null);
        }}
        title={t('documents.ui.courtReport.title')}
        fileName={t('documents.ui.courtReport.file')}
        invalid={() => {
          setTried(true);
          if (noAssessment) return t('errors.documents.courtReportNoAssessment');
          return draft.opinion.trim() && draft.recommendation.trim() ? null : t('documents.ui.courtReport.missing');
        }}
        print={async (request) => {
          const printed = await call('documents.courtReport', { ...ids, draft, ...request });
          await autosave.clear();
          return printed;
        }}
      >
        <DraftNotice
          restoredAt={autosave.restoredAt}
          onDiscard={() => {
            void autosave.clear();
            setDraft(prep?.draft?.content ?? EMPTY);
          }}
        />
        {missingNow.length ? (
          <Alert tone={noAssessment ? 'error' : 'info'}>
            {t('documents.ui.courtReport.stillMissing', { list: missingNow.map((m) => t(`documents.ui.courtReport.gap.${m}`)).join(', ') })}
          </Alert>
        ) : null}
        {prep?.draft ? <p className="hint">{t('documents.ui.courtReport.draftLoaded', { version: prep.draft.version, date: when(prep.draft.savedAt) })}</p> : null}
        <p className="hint">{t('documents.ui.courtReport.intro')}</p>
        <DateInput
          label={t('documents.ui.courtReport.requestOrderedOn')}
          value={draft.requestOrderedOn ?? ''}
          onChange={(v) => set('requestOrderedOn', v || null)}
          description={t('documents.ui.courtReport.requestOrderedOnHint')}
        />
        {prep && prep.methodItems.length > 0 ? (
          <CheckboxGroup value={chosen.map(String)} onChange={(v) => set('methodNoteIds', v.map(Number))} className="checkbox-group">
            <Label>{t('documents.ui.courtReport.method')}</Label>
            {prep.methodItems.map((m) => (
              <Checkbox key={m.noteId} value={String(m.noteId)} className="checkbox">
                <span className="checkbox-box" aria-hidden="true" />
                {`${when(m.occurredAt)} — ${t(`notes.type.${m.type}`)}${m.seen ? ` (${m.seen})` : ''}`}
              </Checkbox>
            ))}
          </CheckboxGroup>
        ) : null}
        {TEXTS.map((key) => (
          <TextField
            key={key}
            label={t(`documents.ui.courtReport.field.${key}`)}
            multiline
            rows={key === 'opinion' ? 6 : 3}
            value={draft[key]}
            onChange={(v) => set(key, v)}
            isRequired={key === 'opinion' || key === 'recommendation'}
            validationBehavior="aria"
            error={key === 'opinion' || key === 'recommendation' ? required(draft[key]) : null}
          />
        ))}
        <CheckboxGroup value={draft.measures} onChange={(v) => set('measures', v as CourtReportDraftContent['measures'])} className="checkbox-group">
          <Label>{t('documents.ui.courtReport.measures')}</Label>
          {ART5_MEASURES.map((m) => (
            <Checkbox key={m} value={m} className="checkbox">
              <span className="checkbox-box" aria-hidden="true" />
              {t(`documents.court.measure.${m}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        {prep ? (
          <AnnexPicker
            options={prep.attachments}
            value={draft.attachmentIds}
            onChange={(ids) => set('attachmentIds', ids)}
            append={draft.appendPdfs}
            onAppendChange={(v) => set('appendPdfs', v)}
          />
        ) : null}
        <div className="form-actions">
          <Button variant="secondary" onPress={() => void save()} isDisabled={!prep}>
            <Save aria-hidden="true" size={16} /> {t('documents.ui.courtReport.saveDraft')}
          </Button>
        </div>
        {notice ? <Alert tone="info">{notice}</Alert> : null}
      </PrintDialog>
    </>
  );
}
