import { useTranslation } from 'react-i18next';
import type { TransferSection } from '../../../../shared/api/schemas/transfers';

/** "The child and the people of the case, notes, 2 attachments": what a transfer sends. */
export function SectionList({ sections, attachments }: { sections: readonly TransferSection[]; attachments: number }) {
  const { t } = useTranslation();
  const parts = [t('transfers.alwaysSent'), ...sections.map((s) => t(`transfers.sectionShort.${s}`)), t('transfers.attachmentCount', { count: attachments })];
  return <>{parts.join(', ')}</>;
}
