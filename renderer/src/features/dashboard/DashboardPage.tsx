import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/api/schemas/cases';
import { PRIORITIES } from '../../../../shared/api/schemas/cases';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { useCan, useCurrentSession } from '../auth/SessionContext';
import { TaskList } from '../cases/TasksPanel';
import { backupWarning } from '../../../../shared/time/backupAge';
import { formatDateTime } from '../../i18n/format';
import { PendingTransfers } from '../transfers/PendingTransfers';

type Scope = 'mine' | 'everyone';
const GROUPS = ['overdue', 'today', 'week'] as const;

/** Administrators: what the last sign-in found that does not carry the office's signature (issue 13). */
function SecurityBanner() {
  const { t } = useTranslation();
  const alert = useCurrentSession().securityAlert;
  if (!alert) return null;
  return (
    <Alert tone="error">
      <strong>{t('dashboard.security.title')}</strong> {t('dashboard.security.body', { entries: alert.forgedEntries, grants: alert.badGrants })}
      {alert.keyReplaced ? ` ${t('dashboard.security.keyReplaced')}` : ''} {t('dashboard.security.action')}
    </Alert>
  );
}

/** Administrators: rotating the office key is recommended (a user was disabled) until it is done. */
function RotationBanner() {
  const { t } = useTranslation();
  const recommended = useCurrentSession().rotationRecommended;
  if (!recommended) return null;
  return (
    <Alert tone="warning">
      <strong>{t('dashboard.rotation.title')}</strong> {t(`admin.rotation.recommended.${recommended.reason}`)}{' '}
      <a href="#/administration">{t('dashboard.rotation.action')}</a>
    </Alert>
  );
}

/** Administrators: no backup yet, or the last good one older than two days (issue 14, item 6). */
function BackupBanner() {
  const { t, i18n } = useTranslation();
  const canBackup = useCan('vault:backup');
  const schedule = useCall('backup.getSchedule', {}, canBackup);
  if (!canBackup || !schedule.data) return null;
  const warning = backupWarning(schedule.data.lastAt, new Date());
  if (!warning) return null;
  return (
    <Alert tone="warning">
      <strong>{t(warning.kind === 'never' ? 'dashboard.backup.never' : 'dashboard.backup.stale', warning.kind === 'stale' ? { count: warning.days, when: formatDateTime(warning.lastAt, i18n.language) } : {})}</strong>{' '}
      {schedule.data.enabled ? '' : `${t('dashboard.backup.off')} `}
      <a href="#/administration">{t('dashboard.backup.action')}</a>
    </Alert>
  );
}

/** The start screen: what is overdue, due today and due this week, most urgent first. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentSession().user;
  const canReadAll = useCan('case:readAll');
  const canCases = useCan('case:read');
  const [scope, setScope] = useState<Scope>(canReadAll ? 'everyone' : 'mine');
  const dashboard = useCall('tasks.list', { scope, limit: 100 }, canCases);
  const pending = useCall('assessments.recent', { status: 'pending_approval', limit: 20 }, canReadAll);

  if (!canCases) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('pages.dashboard.title')}</h1>
        <SecurityBanner />
        <RotationBanner />
        <BackupBanner />
        <EmptyState action={<a href="#/administration">{t('nav.administration')}</a>}>{t('dashboard.adminOnly')}</EmptyState>
      </section>
    );
  }
  const data = dashboard.data;
  const empty = data && GROUPS.every((g) => data[g].total === 0);
  return (
    <section aria-labelledby="page-title" className="page">
      <div className="page-head">
        <div>
          <h1 id="page-title">{t('pages.dashboard.title')}</h1>
          <p className="hint">{t('dashboard.greeting', { name: me.displayName })}</p>
        </div>
        {canReadAll ? (
          <ToggleButtonGroup
            aria-label={t('dashboard.scope')}
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={[scope]}
            onSelectionChange={(keys: Set<Key>) => setScope([...keys][0] as Scope)}
            className="lang-switch"
          >
            <ToggleButton id="mine" className="lang-button">
              {t('dashboard.mine')}
            </ToggleButton>
            <ToggleButton id="everyone" className="lang-button">
              {t('dashboard.everyone')}
            </ToggleButton>
          </ToggleButtonGroup>
        ) : null}
      </div>
      <SecurityBanner />
      <RotationBanner />
      <BackupBanner />
      {dashboard.error ? <Alert tone="error">{messageOf(t, dashboard.error)}</Alert> : null}
      {pending.data && pending.data.length > 0 ? (
        <Alert tone="warning">
          {t('dashboard.pendingApprovals', { count: pending.data.length })} <a href="#/assessments">{t('dashboard.review')}</a>
        </Alert>
      ) : null}
      {data ? <Summary data={data} /> : <p role="status">{t('app.loading')}</p>}
      <PendingTransfers />
      {empty ? <EmptyState action={<a href="#/cases">{t('nav.cases')}</a>}>{t('pages.dashboard.empty')}</EmptyState> : null}
      {data
        ? GROUPS.filter((g) => data[g].total > 0).map((g) => (
            <div key={g} className={`panel dashboard-group group-${g}`}>
              <h2>
                {t(`dashboard.group.${g}`)} <span className="count">{data[g].total}</span>
              </h2>
              <TaskList tasks={data[g].items} onChanged={dashboard.reload} showCase />
              {data[g].total > data[g].items.length ? <p className="hint">{t('dashboard.moreTasks', { count: data[g].total - data[g].items.length })}</p> : null}
            </div>
          ))
        : null}
      {data && data.scope === 'everyone' && data.workload.length > 0 ? (
        <div className="panel">
          <h2>{t('dashboard.workload')}</h2>
          <Table aria-label={t('dashboard.workload')} className="table">
            <TableHeader>
              <Column isRowHeader>{t('dashboard.caseworker')}</Column>
              <Column>{t('dashboard.activeCases')}</Column>
              <Column>{t('dashboard.openTasks')}</Column>
              <Column>{t('dashboard.group.overdue')}</Column>
              <Column>{t('dashboard.group.week')}</Column>
            </TableHeader>
            <TableBody items={data.workload.map((w) => ({ ...w, id: w.user.id }))}>
              {(w) => (
                <Row id={w.id}>
                  <Cell>{w.user.displayName}</Cell>
                  <Cell>{w.activeCases}</Cell>
                  <Cell>{w.openTasks}</Cell>
                  <Cell>{w.overdue > 0 ? <strong className="overdue-text">{w.overdue}</strong> : 0}</Cell>
                  <Cell>{w.dueThisWeek}</Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}

function Summary({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  return (
    <div className="summary-cards">
      {GROUPS.map((g) => (
        <div key={g} className={`summary-card card-${g}`}>
          <div className="summary-number">{data[g].total}</div>
          <div className="summary-label">{t(`dashboard.group.${g}`)}</div>
          <div className="summary-levels">
            {PRIORITIES.filter((p) => (data[g].byPriority[p] ?? 0) > 0).map((p) => (
              <span key={p} className="summary-level">
                <LevelBadge level={p} /> {data[g].byPriority[p]}
              </span>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
