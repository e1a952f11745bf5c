import { useState } from 'react';
import { Cell, Checkbox, Column, Row, Tab, Table, TableBody, TableHeader, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { OPEN_REFERRAL_STATES, REFERRAL_STATES, type ReferralState } from '../../../../shared/api/schemas/referrals';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Select } from '../../components/ui/Select';
import { formatDate } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { ReferralStateBadge, useServiceLabel } from './common';
import { DirectoryPanel } from './DirectoryPanel';

const OPEN = 'open';
const ALL = 'all';

/** The referrals area: every referral of the cases I may see (overdue replies first), and the institution directory. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const canRead = useCan('case:read');
  return (
    <section aria-labelledby="page-title" className="page">
      <div className="page-head">
        <h1 id="page-title">{t('pages.referrals.title')}</h1>
      </div>
      {canRead ? (
        <Tabs className="tabs">
          <TabList aria-label={t('pages.referrals.title')} className="tab-list">
            <Tab id="list" className="tab">
              {t('referrals.tabs.list')}
            </Tab>
            <Tab id="directory" className="tab">
              {t('referrals.tabs.directory')}
            </Tab>
          </TabList>
          <TabPanel id="list" className="tab-panel">
            <ReferralsList />
          </TabPanel>
          <TabPanel id="directory" className="tab-panel">
            <DirectoryPanel />
          </TabPanel>
        </Tabs>
      ) : (
        <>
          <h2>{t('referrals.tabs.directory')}</h2>
          <DirectoryPanel />
        </>
      )}
    </section>
  );
}

function ReferralsList() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<string>(OPEN);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const serviceLabel = useServiceLabel();
  const states: ReferralState[] | undefined = state === OPEN ? [...OPEN_REFERRAL_STATES] : state === ALL ? undefined : [state as ReferralState];
  const list = useCall('referrals.list', { ...(states ? { state: states } : {}), ...(overdueOnly ? { overdue: true } : {}), limit: 200 });
  const lang = i18n.language;
  const rows = list.data?.rows ?? [];

  return (
    <div className="referrals-list">
      <div className="filters">
        <Select
          label={t('referrals.filter.state')}
          value={state}
          onChange={setState}
          options={[{ id: OPEN, label: t('referrals.filter.open') }, { id: ALL, label: t('referrals.filter.all') }, ...REFERRAL_STATES.map((s) => ({ id: s, label: t(`referrals.state.${s}`) }))]}
        />
        <Checkbox className="checkbox filter-check" isSelected={overdueOnly} onChange={setOverdueOnly}>
          <span className="checkbox-box" aria-hidden="true" />
          {t('referrals.filter.overdueOnly')}
        </Checkbox>
      </div>
      {list.error ? <Alert tone="error">{messageOf(t, list.error)}</Alert> : null}
      {list.data && list.data.overdue > 0 ? <Alert tone="warning">{t('referrals.overdueSummary', { count: list.data.overdue })}</Alert> : null}
      <p className="list-count" aria-live="polite">
        {list.data ? t('referrals.count', { count: list.data.total }) : t('app.loading')}
      </p>
      {list.data && rows.length === 0 ? (
        <EmptyState action={<a href="#/cases">{t('referrals.goToCases')}</a>}>{state === OPEN && !overdueOnly ? t('pages.referrals.empty') : t('referrals.emptyFiltered')}</EmptyState>
      ) : (
        <Table aria-label={t('referrals.tabs.list')} className="table referrals-table">
          <TableHeader>
            <Column isRowHeader>{t('referrals.col.case')}</Column>
            <Column>{t('referrals.col.institution')}</Column>
            <Column>{t('referrals.col.services')}</Column>
            <Column>{t('referrals.col.urgency')}</Column>
            <Column>{t('referrals.col.state')}</Column>
            <Column>{t('referrals.col.sent')}</Column>
            <Column>{t('referrals.col.replyDue')}</Column>
          </TableHeader>
          <TableBody items={rows}>
            {(r) => (
              <Row id={r.id} className={r.replyOverdue ? 'row-overdue' : ''}>
                <Cell>
                  <a href={`#/cases/${r.caseId}`} className="case-link">
                    {r.caseNumber}
                  </a>
                  <div className="hint">{r.person?.name ?? r.childName ?? ''}</div>
                </Cell>
                <Cell>{r.institution.name}</Cell>
                <Cell>{[...r.services.map(serviceLabel), ...(r.servicesOther ? [r.servicesOther] : [])].join(', ') || '—'}</Cell>
                <Cell>
                  <span className={`tag urgency-${r.urgency}`}>{t(`referrals.urgency.${r.urgency}`)}</span>
                </Cell>
                <Cell>
                  <ReferralStateBadge state={r.state} />
                </Cell>
                <Cell>{r.sentOn ? formatDate(r.sentOn, lang) : '—'}</Cell>
                <Cell>
                  {r.replyDueOn && r.state === 'sent' ? (
                    r.replyOverdue ? (
                      <strong className="overdue-text">
                        {formatDate(r.replyDueOn, lang)} · {t('referrals.replyOverdue')}
                      </strong>
                    ) : (
                      formatDate(r.replyDueOn, lang)
                    )
                  ) : (
                    '—'
                  )}
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
