import { useTranslation } from 'react-i18next';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import type { LevelId } from '../../../shared/risk-tool/types';

/**
 * A risk level (an assessment's level, a case's priority) in its colour and
 * its name from the instrument, in the app language; null = not yet assessed.
 * The name is always written out, so the colour is never the only cue.
 */
export function LevelBadge({ level, size = 'md' }: { level: LevelId | null; size?: 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  const sizeClass = size === 'lg' ? ' level-badge-lg' : '';
  if (!level) return <span className={`level-badge level-unset${sizeClass}`}>{t('risk.level.unset')}</span>;
  const info = INSTRUMENT.levels.find((l) => l.id === level)!;
  return <span className={`level-badge level-${level}${sizeClass}`}>{i18n.language === 'en' ? info.en : info.tr}</span>;
}
