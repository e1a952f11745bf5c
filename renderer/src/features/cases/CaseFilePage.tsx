import { ClipboardCheck, Flag } from 'lucide-react';
import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { CaseActions } from './CaseActions';
import { CaseVisitsPanel } from '../calendar/CaseVisitsPanel';
import { NotesPanel } from './NotesPanel';
import { OverviewPanel } from './OverviewPanel';
import { PlanPanel } from './PlanPanel';
import { ServicesPanel } from './ServicesPanel';
import { StatusBadge } from './StatusBadge';
import { TasksPanel } from './TasksPanel';
import { RiskPanel } from './RiskPanel';
import { personName } from './format';
import { call } from '../../api/client';
import { CaseReferralsPanel } from '../referrals/CaseReferralsPanel';
import { CaseCourtPanel } from '../court/CaseCourtPanel';
import { CourtReportButton } from '../documents/CourtReportButton';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { CaseTransferPanel } from '../transfers/CaseTransferPanel';
import { withNote, withParts, withService, withTask } from './caseFileUpdates';
import { caseWritable } from '../../../../shared/api/schemas/cases';

/** The case file: everything about one household's case, one tab per kind of work. */
export function CaseFilePage() {
  const { t, i18n } = useTranslation();
  const caseId = Number(useParams().caseId);
  const file = useCall('cases.get', { caseId }, Number.isInteger(caseId) && caseId > 0);
  const canWrite = useCan('case:write');
  const canAssess = useCan('assessment:write');
  const [flagError, setFlagError] = useState<string | null>(null);
  // The open tab is in the address (?tab=notes), so a draft's screen can be returned to.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';

  if (file.error) return <Alert tone="error">{messageOf(t, file.error)}</Alert>;
  if (!file.data) return <p role="status">{t('app.loading')}</p>;
  const { case: c, household, members, flags } = file.data;
  const primary = members.find((m) => m.isPrimary) ?? members.find((m) => m.role === 'child');
  const openFlags = flags.filter((f) => !f.resolvedAt);
  const closed = c.status === 'closed';
  // Closed, or sent to another office: nothing on the file can be changed here.
  const writable = caseWritable(c);

  const resolveFlag = async (flagId: number) => {
    try {
      const { parts } = await call('cases.resolveFlag', { caseId, flagId });
      file.update((f) => withParts(f, parts));
    } catch (e) {
      setFlagError(messageOf(t, e));
    }
  };

  return (
    <section aria-labelledby="page-title" className="page">
      <div className="case-head">
        <div>
          <p className="hint">
            <a href="#/cases">{t('pages.cases.title')}</a> / {c.caseNumber}
          </p>
          <h1 id="page-title">
            {personName(primary?.person)} <span className="case-number">{c.caseNumber}</span>
          </h1>
          <div className="case-meta">
            <StatusBadge status={c.status} pending={Boolean(c.closurePending)} transferred={c.transferredAt !== null} />
            <LevelBadge level={c.priority} />
            <span>{t('cases.responsibleIs', { name: c.responsible.displayName })}</span>
            {c.coWorkers.length ? <span>{t('cases.coWorkersAre', { names: c.coWorkers.map((w) => w.displayName).join(', ') })}</span> : null}
            {file.data.coverFor ? <span className="tag cover-tag">{t('cover.for', { name: file.data.coverFor.displayName })}</span> : null}
            <span>{t('cases.openedOn', { date: formatDate(c.openedAt, i18n.language) })}</span>
            <span>{household.name}</span>
          </div>
        </div>
        <div className="case-head-actions">
          <CourtReportButton caseId={c.id} />
          {canAssess && writable ? (
            <a className="btn btn-primary" href={`#/assessments/new?caseId=${c.id}`}>
              <ClipboardCheck aria-hidden="true" size={16} /> {t('cases.assess')}
            </a>
          ) : null}
        </div>
      </div>

      {openFlags.map((f) => (
        <Alert key={f.id} tone="warning">
          <Flag aria-hidden="true" size={14} /> <strong>{t(`cases.flag.${f.kind}`)}</strong> — {t(`cases.flagText.${f.kind}`, { date: formatDateTime(f.raisedAt, i18n.language) })}{' '}
          {canWrite && writable ? (
            <Button variant="quiet" onPress={() => void resolveFlag(f.id)}>
              {t('cases.resolveFlag')}
            </Button>
          ) : null}
        </Alert>
      ))}
      {flagError ? <Alert tone="error">{flagError}</Alert> : null}
      {c.closurePending ? (
        <Alert tone="info">{t('cases.closurePending', { name: c.closurePending.requestedBy.displayName, reason: c.closurePending.reason })}</Alert>
      ) : null}
      {closed ? <Alert tone="info">{t('cases.closedInfo', { date: formatDate(c.closedAt ?? c.updatedAt, i18n.language), reason: c.closureReason ?? '' })}</Alert> : null}

      <CaseActions file={file.data} onChange={file.update} />
      <CaseTransferPanel file={file.data} onChange={file.update} />

      <Tabs className="tabs" selectedKey={tab} onSelectionChange={(key) => setParams(key === 'overview' ? {} : { tab: String(key) }, { replace: true })}>
        <TabList aria-label={t('cases.tabs.label')} className="tab-list">
          <Tab id="overview" className="tab">
            {t('cases.tabs.overview')}
          </Tab>
          <Tab id="notes" className="tab">
            {t('cases.tabs.notes')} ({file.data.notesTotal})
          </Tab>
          <Tab id="risk" className="tab">
            {t('cases.tabs.risk')}
          </Tab>
          <Tab id="plan" className="tab">
            {t('cases.tabs.plan')}
          </Tab>
          <Tab id="services" className="tab">
            {t('cases.tabs.services')} ({file.data.services.length})
          </Tab>
          <Tab id="tasks" className="tab">
            {t('cases.tabs.tasks')} ({file.data.tasks.filter((x) => !x.doneAt).length})
          </Tab>
          <Tab id="referrals" className="tab">
            {t('cases.tabs.referrals')}
          </Tab>
          <Tab id="court" className="tab">
            {t('cases.tabs.court')}
          </Tab>
          <Tab id="attachments" className="tab">
            {t('cases.tabs.attachments')}
          </Tab>
        </TabList>
        <TabPanel id="overview" className="tab-panel">
          <OverviewPanel file={file.data} onChange={file.update} />
        </TabPanel>
        <TabPanel id="notes" className="tab-panel">
          <CaseVisitsPanel caseId={c.id} writable={writable} />
          <NotesPanel file={file.data} onSaved={(note) => file.update((f) => withNote(f, note))} />
        </TabPanel>
        <TabPanel id="risk" className="tab-panel">
          <RiskPanel caseId={c.id} caseClosed={!writable} />
        </TabPanel>
        <TabPanel id="plan" className="tab-panel">
          <PlanPanel file={file.data} onChange={file.update} />
        </TabPanel>
        <TabPanel id="services" className="tab-panel">
          <ServicesPanel file={file.data} onAdded={(service) => file.update((f) => withService(f, service))} />
        </TabPanel>
        <TabPanel id="tasks" className="tab-panel">
          <TasksPanel tasks={file.data.tasks} writable={writable} onTask={(task) => file.update((f) => withTask(f, task))} />
        </TabPanel>
        <TabPanel id="referrals" className="tab-panel">
          <CaseReferralsPanel file={file.data} onChange={file.update} />
        </TabPanel>
        <TabPanel id="court" className="tab-panel">
          <CaseCourtPanel file={file.data} onChange={file.update} />
        </TabPanel>
        <TabPanel id="attachments" className="tab-panel">
          <AttachmentsPanel file={file.data} />
        </TabPanel>
      </Tabs>
    </section>
  );
}
