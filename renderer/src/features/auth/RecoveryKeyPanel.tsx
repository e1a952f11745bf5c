import { FileText, Printer } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentResult } from '../../../../shared/api/methods/documents';
import { isLanguage } from '../../../../shared/i18n/languages';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { PdfPreview } from '../../components/PdfPreview';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';

/**
 * The recovery key, shown once. Printing uses the print stylesheet, which
 * prints only this sheet (office name, date, key, instructions).
 */
export function RecoveryKeyPanel({ recoveryKey, officeName, sheetToken }: { recoveryKey: string; officeName: string; sheetToken?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const groups = recoveryKey.split('-');
  const [sheet, setSheet] = useState<DocumentResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const makeSheet = async () => {
    if (!sheetToken) return;
    setError(null);
    try {
      setSheet(await call('documents.recoverySheet', { sheetToken, recoveryKey, language: isLanguage(i18n.language) ? i18n.language : 'tr' }));
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <section className="recovery-sheet" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading" className="recovery-heading">
        {t('setup.recoverySheetTitle')}
      </h2>
      <p className="recovery-office">
        {officeName} · {new Date().toLocaleDateString(i18n.language === 'tr' ? 'tr-TR' : 'en-GB')}
      </p>
      <p className="recovery-key" aria-label={t('setup.recoveryKeyLabel')} data-testid="recovery-key">
        {groups.map((group, i) => (
          <span key={i} className="recovery-group">
            {group}
          </span>
        ))}
      </p>
      <ul className="recovery-notes">
        <li>{t('setup.recoveryNote1')}</li>
        <li>{t('setup.recoveryNote2')}</li>
        <li>{t('setup.recoveryNote3')}</li>
      </ul>
      <div className="no-print form-actions form-actions-start">
        {sheetToken ? (
          <Button variant="primary" onPress={() => void makeSheet()}>
            <FileText aria-hidden="true" size={16} /> {t('setup.sheetPdf')}
          </Button>
        ) : null}
        <Button onPress={() => window.print()}>
          <Printer aria-hidden="true" size={16} /> {t('setup.print')}
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sheet ? <PdfPreview result={sheet} fileName={`kalkan-kurtarma-${sheet.documentNumber}.pdf`} title={t('setup.recoverySheetTitle')} /> : null}
    </section>
  );
}
