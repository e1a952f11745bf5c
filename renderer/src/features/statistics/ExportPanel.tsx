/**
 * Exports of the shown period: the CSV, written by the core to a full path
 * typed here (like the backup folder), with the separator of choice; and the
 * PDF report, previewed, then saved or printed. Both may hide small counts.
 */
import { FileSpreadsheet, FileText } from 'lucide-react';
import { useState } from 'react';
import { Group, Input, Label, NumberField, Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DocumentResult } from '../../../../shared/api/methods/documents';
import { CSV_SEPARATORS, MAX_SUPPRESS, MIN_SUPPRESS, type CsvSeparator } from '../../../../shared/api/schemas/stats';
import { LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import { call } from '../../api/client';
import { codeOf, messageOf } from '../../api/errors';
import { useJob } from '../../api/useJob';
import { PdfPreview } from '../../components/PdfPreview';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { JobProgress } from '../../components/ui/JobProgress';
import { PathField } from '../../components/ui/PathField';
import { Select } from '../../components/ui/Select';
import { formatBytes } from '../../i18n/format';
import { useLanguage } from './StatCharts';

export interface ExportQuery {
  from: string;
  to: string;
  caseworkerId?: string;
}

export function ExportPanel({ query }: { query: ExportQuery }) {
  const { t, i18n } = useTranslation();
  const uiLanguage = useLanguage();
  const [suppress, setSuppress] = useState(false);
  const [k, setK] = useState(5);
  const [path, setPath] = useState('');
  const [separator, setSeparator] = useState<CsvSeparator>('semicolon');
  const [pdfLanguage, setPdfLanguage] = useState<Language>(uiLanguage);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string; exists?: boolean } | null>(null);
  const [pdf, setPdf] = useState<DocumentResult | null>(null);
  const job = useJob();
  const threshold = suppress ? { suppressBelow: k } : {};

  const exportCsv = async (overwrite: boolean) => {
    setBusy('csv');
    setMessage(null);
    try {
      const result = await call('stats.exportCsv', { ...query, ...threshold, path: path.trim(), separator, language: uiLanguage, overwrite, jobId: job.jobId() });
      setMessage({ tone: 'success', text: t('stats.page.csvDone', { file: result.path, size: formatBytes(result.bytes, i18n.language) }) });
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e), exists: codeOf(e) === 'stats.fileExists' });
    } finally {
      setBusy(null);
      job.reset();
    }
  };

  const makePdf = async () => {
    setBusy('pdf');
    setMessage(null);
    setPdf(null);
    try {
      setPdf(await call('documents.statistics', { ...query, ...threshold, language: pdfLanguage, jobId: job.jobId() }));
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    } finally {
      setBusy(null);
      job.reset();
    }
  };

  return (
    <section className="panel stats-export" aria-labelledby="stats-export-title">
      <h2 id="stats-export-title">{t('stats.page.exportTitle')}</h2>
      <p className="hint">{t('stats.page.exportIntro')}</p>
      <div className="stats-export-privacy">
        <Switch isSelected={suppress} onChange={setSuppress} className="switch">
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          {t('stats.page.suppress')}
        </Switch>
        {suppress ? (
          <NumberField value={k} onChange={(v) => setK(Number.isFinite(v) ? v : 5)} minValue={MIN_SUPPRESS} maxValue={MAX_SUPPRESS} className="field field-narrow">
            <Label className="field-label">{t('stats.page.threshold')}</Label>
            <Group className="number-group">
              <Input className="field-input" />
            </Group>
          </NumberField>
        ) : null}
        <p className="hint">{suppress ? t('stats.suppressedNote', { k }) : t('stats.page.suppressHint')}</p>
      </div>

      <div className="stats-export-grid">
        <div className="stats-export-box">
          <h3>{t('stats.page.csvTitle')}</h3>
          <PathField label={t('stats.page.csvPath')} description={t('stats.page.csvPathHint')} value={path} onChange={setPath} placeholder={t('stats.page.csvPlaceholder')} mode="save" purpose="csvExport" defaultName={`kalkan-istatistik-${query.from}-${query.to}.csv`} />
          <Select
            label={t('stats.page.separator')}
            value={separator}
            onChange={(v) => setSeparator(v as CsvSeparator)}
            options={CSV_SEPARATORS.map((s) => ({ id: s, label: t(`stats.page.sep.${s}`) }))}
          />
          <div className="form-actions form-actions-start">
            <Button variant="primary" onPress={() => void exportCsv(false)} isDisabled={busy !== null || path.trim() === ''}>
              <FileSpreadsheet aria-hidden="true" size={16} /> {t('stats.page.csvSave')}
            </Button>
          </div>
        </div>
        <div className="stats-export-box">
          <h3>{t('stats.page.pdfTitle')}</h3>
          <Select label={t('stats.page.pdfLanguage')} value={pdfLanguage} onChange={(v) => setPdfLanguage(v as Language)} options={LANGUAGES.map((l) => ({ id: l, label: t(`stats.page.language.${l}`) }))} />
          <div className="form-actions form-actions-start">
            <Button variant="primary" onPress={() => void makePdf()} isDisabled={busy !== null}>
              <FileText aria-hidden="true" size={16} /> {t('stats.page.pdfMake')}
            </Button>
          </div>
        </div>
      </div>
      {busy ? <JobProgress progress={job.progress} label={t(busy === 'csv' ? 'stats.page.csvRunning' : 'stats.page.pdfRunning')} /> : null}
      {message ? (
        <Alert tone={message.tone}>
          {message.text}
          {message.exists ? (
            <div className="form-actions form-actions-start">
              <Button variant="danger" onPress={() => void exportCsv(true)}>
                {t('stats.page.overwrite')}
              </Button>
            </div>
          ) : null}
        </Alert>
      ) : null}
      {pdf ? <PdfPreview result={pdf} fileName={`kalkan-istatistik-${query.from}-${query.to}-${pdf.documentNumber}.pdf`} title={t('stats.reportTitle')} /> : null}
    </section>
  );
}
