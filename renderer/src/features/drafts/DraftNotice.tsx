import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDateTime } from '../../i18n/format';

/** "Your unsaved draft of <time> is back", with a way to throw it away. */
export function DraftNotice({ restoredAt, onDiscard }: { restoredAt: string | null; onDiscard(): void }) {
  const { t, i18n } = useTranslation();
  if (!restoredAt) return null;
  return (
    <div className="draft-notice" data-testid="draft-notice">
      <Alert tone="info">
        {t('drafts.restored', { time: formatDateTime(restoredAt, i18n.language) })}{' '}
        <Button variant="quiet" onPress={onDiscard}>
          {t('drafts.discard')}
        </Button>
      </Alert>
    </div>
  );
}
