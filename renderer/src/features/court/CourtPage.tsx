import { useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_STATUSES, OPEN_COMPLIANCE, type ComplianceStatus, type CourtOrder } from '../../../../shared/api/schemas/court';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Select } from '../../components/ui/Select';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { ComplianceBadge, ComplianceDialog } from './courtDialogs';

const OPEN = 'open';
const ALL = 'all';

/** The court area: upcoming hearings across the cases I may see, and court orders with their compliance. */
export function CourtPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canRead = useCan('case:read');
  const canWrite = useCan('court:write');
  const [filter, setFilter] = useState<string>(OPEN);
  const compliance: ComplianceStatus[] | undefined = filter === OPEN ? [...OPEN_COMPLIANCE] : filter === ALL ? undefined : [filter as ComplianceStatus];
  const overview = useCall('court.overview', { ...(compliance ? { compliance } : {}), limit: 200 }, canRead);
  const [updating, setUpdating] = useState<CourtOrder | null>(null);
  const data = overview.data;

  return (
    <section aria-labelledby="page-title" className="page">
      <div className="page-head">
        <h1 id="page-title">{t('pages.court.title')}</h1>
      </div>
      {overview.error ? <Alert tone="error">{messageOf(t, overview.error)}</Alert> : null}

      <section className="panel" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('court.upcoming')}</h2>
        {data && data.upcoming.length === 0 ? (
          <EmptyState action={<a href="#/cases">{t('referrals.goToCases')}</a>}>{t('court.upcomingEmpty')}</EmptyState>
        ) : (
          <Table aria-labelledby="upcoming-title" className="table">
            <TableHeader>
              <Column isRowHeader>{t('court.col.when')}</Column>
              <Column>{t('court.col.case')}</Column>
              <Column>{t('court.hearing.court')}</Column>
              <Column>{t('court.hearing.fileNumber')}</Column>
              <Column>{t('court.hearing.judge')}</Column>
              <Column>{t('court.hearing.toBring')}</Column>
            </TableHeader>
            <TableBody items={data?.upcoming ?? []}>
              {(h) => (
                <Row id={h.id}>
                  <Cell>
                    <strong>{formatDateTime(h.hearingAt, lang)}</strong>
                  </Cell>
                  <Cell>
                    <a href={`#/cases/${h.caseId}`} className="case-link">
                      {h.caseNumber}
                    </a>
                    {h.childName ? <div className="hint">{h.childName}</div> : null}
                  </Cell>
                  <Cell>{h.courtName}</Cell>
                  <Cell>{h.fileNumber ?? '—'}</Cell>
                  <Cell>{h.judge ?? '—'}</Cell>
                  <Cell>{h.toBring ?? '—'}</Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        )}
      </section>

      <section className="panel" aria-labelledby="orders-title">
        <div className="panel-head">
          <h2 id="orders-title">{t('court.orders')}</h2>
          <Select
            label={t('court.filter.compliance')}
            value={filter}
            onChange={setFilter}
            options={[{ id: OPEN, label: t('court.filter.open') }, { id: ALL, label: t('court.filter.all') }, ...COMPLIANCE_STATUSES.map((s) => ({ id: s, label: t(`court.compliance.${s}`) }))]}
          />
        </div>
        {data && data.overdueOrders > 0 ? <Alert tone="warning">{t('court.overdueSummary', { count: data.overdueOrders })}</Alert> : null}
        {data && data.orders.length === 0 ? (
          <EmptyState>{filter === OPEN ? t('court.ordersEmptyOpen') : t('court.ordersEmpty')}</EmptyState>
        ) : (
          <Table aria-labelledby="orders-title" className="table">
            <TableHeader>
              <Column isRowHeader>{t('court.order.kind')}</Column>
              <Column>{t('court.col.case')}</Column>
              <Column>{t('court.order.orderedOn')}</Column>
              <Column>{t('court.order.responsible')}</Column>
              <Column>{t('court.order.dueOn')}</Column>
              <Column>{t('court.order.compliance')}</Column>
              <Column>{canWrite ? t('common.actions') : ''}</Column>
            </TableHeader>
            <TableBody items={data?.orders ?? []}>
              {(o) => (
                <Row id={o.id} className={o.overdue ? 'row-overdue' : ''}>
                  <Cell>{t(`court.orderKind.${o.kind}`)}</Cell>
                  <Cell>
                    <a href={`#/cases/${o.caseId}`} className="case-link">
                      {o.caseNumber}
                    </a>
                    <div className="hint">{o.person?.name ?? o.childName ?? ''}</div>
                  </Cell>
                  <Cell>{formatDate(o.orderedOn, lang)}</Cell>
                  <Cell>{o.responsible.name}</Cell>
                  <Cell>{o.dueOn ? <span className={o.overdue ? 'overdue-text' : ''}>{formatDate(o.dueOn, lang)}</span> : '—'}</Cell>
                  <Cell>
                    <ComplianceBadge status={o.compliance} overdue={o.overdue} />
                  </Cell>
                  <Cell>
                    {canWrite ? (
                      <Button variant="quiet" onPress={() => setUpdating(o)} aria-label={t('court.order.updateComplianceOf', { kind: t(`court.orderKind.${o.kind}`) })}>
                        {t('court.order.updateCompliance')}
                      </Button>
                    ) : null}
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        )}
      </section>
      {updating ? (
        <ComplianceDialog
          order={updating}
          onClose={() => setUpdating(null)}
          onSaved={() => {
            setUpdating(null);
            overview.reload();
          }}
        />
      ) : null}
    </section>
  );
}
