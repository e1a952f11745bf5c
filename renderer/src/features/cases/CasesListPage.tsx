import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, Flag, Plus } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button as AriaButton, Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, PRIORITIES, type CASE_SORTS } from '../../../../shared/api/schemas/cases';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { DateInput } from '../../components/ui/DateInput';
import { Select } from '../../components/ui/Select';
import { formatDate } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { ageOf, personName } from './format';
import { SearchBox } from './SearchBox';
import { StatusBadge } from './StatusBadge';
import { useCaseList, type CaseQuery } from './useCaseList';
import { useLookups } from './useLookups';

type Sort = (typeof CASE_SORTS)[number];
const ROW_HEIGHT = 44;
const ALL = 'all';
const OPEN = 'open';

export function CasesListPage() {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('case:write');
  const canReadAll = useCan('case:readAll');
  const canApprove = useCan('case:approve');
  const [status, setStatus] = useState<string>(OPEN);
  const [priority, setPriority] = useState<string>(ALL);
  const [caseworker, setCaseworker] = useState<string>(ALL);
  const [concern, setConcern] = useState<string>(ALL);
  const [flagged, setFlagged] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<Sort>('intakeDate');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const staff = useCall('cases.staff', {}, canReadAll);
  const concerns = useLookups('concern');

  const query: CaseQuery = {
    ...(status === OPEN ? { status: CASE_STATUSES.filter((s) => s !== 'closed') } : status !== ALL ? { status: [status as (typeof CASE_STATUSES)[number]] } : {}),
    ...(priority !== ALL ? { priority: [priority as (typeof PRIORITIES)[number] | 'unset'] } : {}),
    ...(caseworker !== ALL ? { caseworkerId: caseworker } : {}),
    ...(concern !== ALL ? { concern } : {}),
    ...(flagged ? { flagged: true } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    sort,
    direction,
  };
  const list = useCaseList(query);
  const filtered = status !== OPEN || priority !== ALL || caseworker !== ALL || concern !== ALL || flagged || Boolean(from) || Boolean(to);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: list.total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const sortBy = (next: Sort) => {
    if (next === sort) setDirection((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(next);
      setDirection(next === 'childName' || next === 'caseNumber' ? 'asc' : next === 'priority' ? 'asc' : 'desc');
    }
  };
  const header = (id: Sort, label: string) => (
    <th scope="col" aria-sort={sort === id ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <AriaButton className="sort-button" onPress={() => sortBy(id)}>
        {label}
        {sort === id ? direction === 'asc' ? <ArrowUp aria-hidden="true" size={14} /> : <ArrowDown aria-hidden="true" size={14} /> : null}
      </AriaButton>
    </th>
  );

  return (
    <section aria-labelledby="page-title" className="page page-fill">
      <div className="page-head">
        <h1 id="page-title">{t('pages.cases.title')}</h1>
        <div className="page-head-actions">
          {canApprove ? (
            <a className="btn btn-secondary" href="#/cases/import">
              {t('transfers.importLink')}
            </a>
          ) : null}
          {canWrite ? (
            <a className="btn btn-primary" href="#/cases/new">
              <Plus aria-hidden="true" size={16} /> {t('cases.new')}
            </a>
          ) : null}
        </div>
      </div>
      <SearchBox />
      <div className="filters">
        <Select
          label={t('cases.filter.status')}
          value={status}
          onChange={setStatus}
          options={[{ id: OPEN, label: t('cases.filter.open') }, { id: ALL, label: t('cases.filter.all') }, ...CASE_STATUSES.map((s) => ({ id: s, label: t(`cases.status.${s}`) }))]}
        />
        <Select
          label={t('cases.filter.priority')}
          value={priority}
          onChange={setPriority}
          options={[{ id: ALL, label: t('cases.filter.all') }, ...PRIORITIES.map((p) => ({ id: p, label: t(`cases.priority.${p}`) })), { id: 'unset', label: t('cases.priority.unset') }]}
        />
        {canReadAll ? (
          <Select
            label={t('cases.filter.caseworker')}
            value={caseworker}
            onChange={setCaseworker}
            options={[{ id: ALL, label: t('cases.filter.everyone') }, ...(staff.data ?? []).filter((s) => !s.disabled).map((s) => ({ id: s.id, label: s.displayName }))]}
          />
        ) : null}
        <Select label={t('cases.filter.concern')} value={concern} onChange={setConcern} options={[{ id: ALL, label: t('cases.filter.all') }, ...concerns.items]} />
        <DateInput label={t('cases.filter.from')} value={from} onChange={setFrom} />
        <DateInput label={t('cases.filter.to')} value={to} onChange={setTo} />
        <Checkbox className="checkbox filter-check" isSelected={flagged} onChange={setFlagged}>
          <span className="checkbox-box" aria-hidden="true" />
          {t('cases.filter.flagged')}
        </Checkbox>
      </div>
      {list.error ? <Alert tone="error">{messageOf(t, list.error)}</Alert> : null}
      <p className="list-count" aria-live="polite">
        {list.total === null ? t('app.loading') : t('cases.count', { count: list.total })}
      </p>
      {list.total === 0 ? (
        <EmptyState action={canWrite ? <a className="btn btn-primary" href="#/cases/new">{t('cases.new')}</a> : undefined}>
          {filtered ? t('cases.emptyFiltered') : t('pages.cases.empty')}
        </EmptyState>
      ) : (
        <div className="virtual-scroller" ref={scroller} tabIndex={-1}>
          <table className="table case-table" aria-rowcount={(list.total ?? 0) + 1} aria-label={t('pages.cases.title')}>
            <colgroup>
              <col style={{ width: '10%' }} />
              <col style={{ width: '23%' }} />
              <col style={{ width: '15%' }} />
              <col style={{ width: '15%' }} />
              <col style={{ width: '15%' }} />
              <col style={{ width: '12%' }} />
              <col style={{ width: '10%' }} />
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                {header('caseNumber', t('cases.col.number'))}
                {header('childName', t('cases.col.child'))}
                {header('priority', t('cases.col.priority'))}
                <th scope="col">{t('cases.col.status')}</th>
                <th scope="col">{t('cases.col.responsible')}</th>
                {header('intakeDate', t('cases.col.lastIntake'))}
                <th scope="col">{t('cases.col.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 ? (
                <tr aria-hidden="true">
                  <td colSpan={7} style={{ height: padTop, padding: 0, border: 0 }} />
                </tr>
              ) : null}
              {items.map((item) => {
                const row = list.rowAt(item.index);
                if (!row)
                  return (
                    <tr key={item.key} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                      <td colSpan={7} className="hint">
                        {t('app.loading')}
                      </td>
                    </tr>
                  );
                const age = row.child ? ageOf(row.child) : null;
                return (
                  <tr key={item.key} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                    <td>
                      <a href={`#/cases/${row.id}`} className="case-link">
                        {row.caseNumber}
                      </a>
                    </td>
                    <td>
                      {personName(row.child)}
                      {age !== null ? <span className="hint"> · {t('cases.age', { count: age })}</span> : null}
                      {row.childCount > 1 ? <span className="hint"> (+{row.childCount - 1})</span> : null}
                    </td>
                    <td>
                      <LevelBadge level={row.priority} />
                    </td>
                    <td>
                      <StatusBadge status={row.status} pending={row.closurePending} />
                    </td>
                    <td>
                      {row.responsible.displayName}
                      {row.coverFor ? <span className="tag cover-tag">{t('cover.for', { name: row.coverFor.displayName })}</span> : null}
                    </td>
                    <td>{formatDate(row.lastIntakeAt, i18n.language)}</td>
                    <td>
                      {row.flags.map((f) => (
                        <span key={f} className="flag" title={t(`cases.flag.${f}`)}>
                          <Flag aria-hidden="true" size={14} />
                          <span className="visually-hidden">{t(`cases.flag.${f}`)}</span>
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
              {padBottom > 0 ? (
                <tr aria-hidden="true">
                  <td colSpan={7} style={{ height: padBottom, padding: 0, border: 0 }} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
