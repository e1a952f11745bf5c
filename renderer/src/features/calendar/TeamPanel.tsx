import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayLocal, addDaysToDay } from '../../../../shared/time/localDays';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { Select } from '../../components/ui/Select';
import { formatDate } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';

/**
 * Colleague cover and co-work requests (issue 17). A supervisor grants and withdraws covers
 * and decides co-work requests; a caseworker sees the covers they give or take.
 */
export function TeamPanel() {
  const { t, i18n } = useTranslation();
  const canApprove = useCan('case:approve');
  const covers = useCall('covers.list', {});
  const pending = useCall('cowork.pending', {}, canApprove);
  const staff = useCall('cases.staff', {}, canApprove);
  const [covered, setCovered] = useState('');
  const [cover, setCover] = useState('');
  const [from, setFrom] = useState(todayLocal());
  const [to, setTo] = useState(addDaysToDay(todayLocal(), 6));
  const [error, setError] = useState<string | null>(null);
  const workers = (staff.data ?? []).filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin')).map((s) => ({ id: s.id, label: s.displayName }));
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      covers.reload();
      pending.reload();
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  const visible = (covers.data ?? []).filter((c) => c.state === 'active' || c.state === 'upcoming');
  if (!canApprove && visible.length === 0) return null;
  return (
    <section aria-labelledby="team-title" className="calendar-team">
      <h2 id="team-title">{t('cover.title')}</h2>
      {visible.length === 0 ? (
        <p className="hint">{t('cover.none')}</p>
      ) : (
        <ul className="cover-list">
          {visible.map((c) => (
            <li key={c.id}>
              {t('cover.line', { cover: c.cover.displayName, covered: c.covered.displayName, from: formatDate(c.from, i18n.language), to: formatDate(c.to, i18n.language) })}{' '}
              <span className="tag">{t(`cover.state.${c.state}`)}</span>
              {canApprove ? (
                <Button variant="quiet" onPress={() => void run(() => call('covers.revoke', { coverId: c.id }))}>
                  {t('cover.revoke')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canApprove ? (
        <div className="inline-form">
          <Select label={t('cover.covered')} value={covered} onChange={setCovered} options={workers} />
          <Select label={t('cover.cover')} value={cover} onChange={setCover} options={workers} />
          <DateInput label={t('cover.from')} value={from} onChange={setFrom} />
          <DateInput label={t('cover.to')} value={to} onChange={setTo} />
          <Button
            variant="primary"
            isDisabled={!covered || !cover || !from || !to}
            onPress={() => void run(() => call('covers.grant', { coveredUserId: covered, coverUserId: cover, from, to }))}
          >
            {t('cover.grant')}
          </Button>
        </div>
      ) : null}
      {canApprove ? (
        <>
          <h3>{t('cowork.pendingTitle')}</h3>
          {(pending.data ?? []).length === 0 ? (
            <p className="hint">{t('cowork.nonePending')}</p>
          ) : (
            <ul className="cover-list">
              {(pending.data ?? []).map((r) => (
                <li key={r.id}>
                  {t('cowork.line', { requestedBy: r.requestedBy.displayName, colleague: r.colleague.displayName })} <a href={`#/cases/${r.caseId}`}>{r.caseNumber}</a>{' '}
                  <Button onPress={() => void run(() => call('cowork.decide', { caseId: r.caseId, requestId: r.id, approve: true }))}>{t('cowork.approve')}</Button>{' '}
                  <Button variant="quiet" onPress={() => void run(() => call('cowork.decide', { caseId: r.caseId, requestId: r.id, approve: false }))}>
                    {t('cowork.refuse')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </section>
  );
}
