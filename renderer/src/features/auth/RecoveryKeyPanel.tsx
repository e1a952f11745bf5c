import { Printer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/Button';

/**
 * The recovery key, shown once. Printing uses the print stylesheet, which
 * prints only this sheet (office name, date, key, instructions).
 */
export function RecoveryKeyPanel({ recoveryKey, officeName }: { recoveryKey: string; officeName: string }) {
  const { t, i18n } = useTranslation();
  const groups = recoveryKey.split('-');
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
      <div className="no-print">
        <Button onPress={() => window.print()}>
          <Printer aria-hidden="true" size={16} /> {t('setup.print')}
        </Button>
      </div>
    </section>
  );
}
