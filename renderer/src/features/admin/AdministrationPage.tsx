import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/SessionContext';
import { AttachmentLimitPanel } from './AttachmentLimitPanel';
import { AuditPanel } from './AuditPanel';
import { BackupPanel } from './BackupPanel';
import { ListsPanel } from './ListsPanel';
import { OfficePanel } from './OfficePanel';
import { RotationPanel } from './RotationPanel';
import { SecurityPanel } from './SecurityPanel';
import { UsersPanel } from './UsersPanel';
import { TransferKeyPanel } from '../transfers/TransferKeyPanel';

export function AdministrationPage() {
  const { t } = useTranslation();
  const canUsers = useCan('users:manage');
  const canAudit = useCan('audit:read');
  const canBackup = useCan('vault:backup');
  const canSettings = useCan('settings:write');
  const canLists = useCan('directory:write');
  const [rotateSignal, setRotateSignal] = useState(0);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('pages.administration.title')}</h1>
      <Tabs className="tabs" defaultSelectedKey={canUsers ? 'users' : canAudit ? 'audit' : 'backups'}>
        <TabList aria-label={t('pages.administration.title')} className="tab-list">
          {canUsers ? (
            <Tab id="users" className="tab">
              {t('admin.tabs.users')}
            </Tab>
          ) : null}
          {canSettings ? (
            <Tab id="office" className="tab">
              {t('admin.tabs.office')}
            </Tab>
          ) : null}
          {canBackup || canSettings ? (
            <Tab id="backups" className="tab">
              {t('admin.tabs.security')}
            </Tab>
          ) : null}
          {canLists ? (
            <Tab id="lists" className="tab">
              {t('admin.tabs.lists')}
            </Tab>
          ) : null}
          {canAudit ? (
            <Tab id="audit" className="tab">
              {t('admin.tabs.audit')}
            </Tab>
          ) : null}
        </TabList>
        {canUsers ? (
          <TabPanel id="users" className="tab-panel">
            <UsersPanel onRotate={() => setRotateSignal((n) => n + 1)} />
            <RotationPanel openSignal={rotateSignal} />
          </TabPanel>
        ) : null}
        {canSettings ? (
          <TabPanel id="office" className="tab-panel">
            <OfficePanel />
            <TransferKeyPanel />
            <AttachmentLimitPanel />
          </TabPanel>
        ) : null}
        {canBackup || canSettings ? (
          <TabPanel id="backups" className="tab-panel">
            {canSettings ? <SecurityPanel /> : null}
            {canBackup ? <BackupPanel /> : null}
          </TabPanel>
        ) : null}
        {canLists ? (
          <TabPanel id="lists" className="tab-panel">
            <ListsPanel />
          </TabPanel>
        ) : null}
        {canAudit ? (
          <TabPanel id="audit" className="tab-panel">
            <AuditPanel />
          </TabPanel>
        ) : null}
      </Tabs>
    </section>
  );
}
