import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferRequest } from '../../../../shared/api/schemas/transfers';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { DecideTransferDialog } from './DecideTransferDialog';
import { SectionList } from './SectionList';

/** Supervisors' dashboard: transfer requests waiting for approval (issue 17), and the way to import a received file. */
export function PendingTransfers() {
  const { t, i18n } = useTranslation();
  const canApprove = useCan('case:approve');
  const pending = useCall('transfers.pending', {}, canApprove);
  const [deciding, setDeciding] = useState<{ request: TransferRequest; decision: 'approve' | 'reject' } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!canApprove) return null;
  const items = pending.data ?? [];
  return (
    <div className="panel pending-transfers">
      <h2>
        {t('transfers.pendingTitle')} <span className="count">{items.length}</span>
      </h2>
      {pending.error ? <Alert tone="error">{messageOf(t, pending.error)}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      {items.length === 0 ? <p className="hint">{t('transfers.nonePending')}</p> : null}
      {items.length > 0 ? (
        <ul className="plain-list">
          {items.map((r) => (
            <li key={r.id}>
              <a href={`#/cases/${r.caseId}`}>{r.caseNumber}</a> —{' '}
              {t('transfers.pendingLine', { name: r.requestedBy.displayName, when: formatDateTime(r.requestedAt, i18n.language), office: r.receiver.office || '—', fingerprint: r.receiver.fingerprint })}{' '}
              (<SectionList sections={r.sections} attachments={r.attachmentIds.length} />){' '}
              <Button variant="primary" onPress={() => setDeciding({ request: r, decision: 'approve' })} aria-label={`${t('transfers.approve')} ${r.caseNumber}`}>
                {t('transfers.approve')}
              </Button>{' '}
              <Button onPress={() => setDeciding({ request: r, decision: 'reject' })} aria-label={`${t('transfers.reject')} ${r.caseNumber}`}>
                {t('transfers.reject')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="#/cases/import">{t('transfers.importLink')}</a>
      </p>
      <DecideTransferDialog
        request={deciding?.request ?? null}
        decision={deciding?.decision ?? 'approve'}
        onClose={() => setDeciding(null)}
        onDone={(message) => {
          setDeciding(null);
          setDone(message);
          pending.reload();
        }}
      />
    </div>
  );
}
