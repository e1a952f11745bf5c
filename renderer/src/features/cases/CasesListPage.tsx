import { defaultRangeExtractor, elementScroll, useVirtualizer, type Range, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, Flag, Plus } from 'lucide-react';
import { memo, useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button as AriaButton, Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_STATUSES, PRIORITIES, type CASE_SORTS, type CaseListRow } from '../../../../shared/api/schemas/cases';
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

/** The rendered indexes plus the focused row (kept in the DOM wherever the list is scrolled). */
export function withIndex(indexes: number[], index: number, count: number): number[] {
  if (index < 0 || index >= count || indexes.includes(index)) return indexes;
  return [...indexes, index].sort((a, b) => a - b);
}

/**
 * The scroller's size for the virtualiser, read only when the browser has laid the page out
 * (ResizeObserver, which also reports the first size). The library's default reads it at once
 * while the new page mounts, which made the browser lay out the whole page inside that task
 * (issue 14, item 10); until the first report the virtualiser assumes the window's height.
 */
function observeRectAfterLayout(instance: { scrollElement: Element | null }, cb: (rect: { width: number; height: number }) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver(() => {
    const { width, height } = element.getBoundingClientRect();
    cb({ width: Math.round(width), height: Math.round(height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

const attached = new WeakSet<Element>();
/**
 * The virtualiser scrolls a newly attached scroller to its first offset (0), which made the
 * browser lay out the new page inside the mounting task; a new scroller is at the top already,
 * so that first scroll to 0 is skipped. Every other scroll is the library's own.
 */
function scrollExceptFirstToTop(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>): void {
  const element = instance.scrollElement;
  if (element && !attached.has(element)) {
    attached.add(element);
    if (offset === 0 && !options.adjustments) return;
  }
  elementScroll(offset, options, instance);
}

type Slot = { spacer: false; key: VirtualItem['key']; index: number } | { spacer: true; key: string; size: number };

/** The rendered rows with an empty spacer row wherever rows are left out (above, between, below). */
export function withSpacers(items: VirtualItem[], totalSize: number): Slot[] {
  const slots: Slot[] = [];
  let end = 0;
  for (const item of items) {
    if (item.start > end) slots.push({ spacer: true, key: `gap-${end}`, size: item.start - end });
    slots.push({ spacer: false, key: item.key, index: item.index });
    end = item.end;
  }
  if (items.length && totalSize > end) slots.push({ spacer: true, key: `gap-${end}`, size: totalSize - end });
  return slots;
}

/**
 * The case list is a keyboard grid (the ARIA grid pattern on the virtualised table): one tab stop
 * (the focused row), arrows row by row, PageUp/PageDown a screen, Home/End the first and last case,
 * Enter opens the case. React Aria's Table would build a collection node for every one of up to
 * 100 000 rows on each render; this table renders only the rows on screen plus the focused one.
 */
export function CasesListPage() {
  const { t } = useTranslation();
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
  const sortBy = (next: Sort) => {
    if (next === sort) setDirection((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(next);
      setDirection(next === 'childName' || next === 'caseNumber' ? 'asc' : next === 'priority' ? 'asc' : 'desc');
    }
  };

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
        <CaseGrid list={list} queryKey={JSON.stringify(query)} sort={sort} direction={direction} onSort={sortBy} />
      )}
    </section>
  );
}

/**
 * The virtualised grid on its own (issue 14, item 10): scrolling re-renders this component only,
 * not the page's filters (React Aria selects and date fields), and each row is memoised, so a
 * wheel step renders just the rows that come into view.
 */
function CaseGrid({ list, queryKey, sort, direction, onSort }: { list: ReturnType<typeof useCaseList>; queryKey: string; sort: Sort; direction: 'asc' | 'desc'; onSort(sort: Sort): void }) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const total = list.total ?? 0;
  // The grid's one tab stop: the row that has (or last had) focus. It is always rendered (the range
  // extractor adds it), so scrolling with the wheel never drops keyboard focus.
  const [active, setActive] = useState(0);
  const activeRow = Math.min(active, Math.max(0, total - 1));
  const [activeFor, setActiveFor] = useState(queryKey);
  if (activeFor !== queryKey) {
    setActiveFor(queryKey);
    setActive(0);
  }
  const focusPending = useRef(false);
  const rangeExtractor = useCallback((range: Range) => withIndex(defaultRangeExtractor(range), activeRow, total), [activeRow, total]);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    rangeExtractor,
    initialRect: { width: 0, height: window.innerHeight },
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollExceptFirstToTop,
  });
  const items = virtualizer.getVirtualItems();
  const navigate = useNavigate();

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLElement>(`tr[data-row="${activeRow}"]`)?.focus({ preventScroll: true });
  });

  /** Moves focus to row `index`, scrolling just enough to show it below the sticky header. */
  const moveTo = (index: number) => {
    const el = scroller.current;
    if (!el || total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const top = head + next * ROW_HEIGHT;
    if (top < el.scrollTop + head) el.scrollTop = top - head;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    focusPending.current = true;
    setActive(next);
    // The same row again (Home on the first row): focus it now, no render follows.
    if (next === activeRow) {
      focusPending.current = false;
      el.querySelector<HTMLElement>(`tr[data-row="${next}"]`)?.focus({ preventScroll: true });
    }
  };

  const onGridKey = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const el = scroller.current;
    if (!el || !(event.target instanceof HTMLElement) || event.target.dataset.row === undefined) return;
    const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const perPage = Math.max(1, Math.floor((el.clientHeight - head) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeRow + 1,
      ArrowUp: activeRow - 1,
      PageDown: activeRow + perPage,
      PageUp: activeRow - perPage,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key === 'Enter') {
      const row = list.rowAt(activeRow);
      if (row) {
        event.preventDefault();
        void navigate(`/cases/${row.id}`);
      }
    }
  };

  const onFocusRow = useCallback((index: number) => setActive(index), []);
  const header = (id: Sort, label: string) => (
    <th scope="col" role="columnheader" aria-sort={sort === id ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <AriaButton className="sort-button" onPress={() => onSort(id)}>
        {label}
        {sort === id ? direction === 'asc' ? <ArrowUp aria-hidden="true" size={14} /> : <ArrowDown aria-hidden="true" size={14} /> : null}
      </AriaButton>
    </th>
  );

  return (
    <div className="virtual-scroller" ref={scroller} tabIndex={-1}>
      <p id="case-grid-keys" className="visually-hidden">
        {t('cases.gridKeys')}
      </p>
      <table role="grid" className="table case-table" aria-rowcount={total + 1} aria-label={t('pages.cases.title')} aria-describedby="case-grid-keys">
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
          <tr role="row" aria-rowindex={1}>
            {header('caseNumber', t('cases.col.number'))}
            {header('childName', t('cases.col.child'))}
            {header('priority', t('cases.col.priority'))}
            <th scope="col" role="columnheader">{t('cases.col.status')}</th>
            <th scope="col" role="columnheader">{t('cases.col.responsible')}</th>
            {header('intakeDate', t('cases.col.lastIntake'))}
            <th scope="col" role="columnheader">{t('cases.col.flags')}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onGridKey}>
          {withSpacers(items, virtualizer.getTotalSize()).map((item) => {
            if (item.spacer)
              return (
                <tr key={item.key} aria-hidden="true">
                  <td colSpan={7} style={{ height: item.size, padding: 0, border: 0 }} />
                </tr>
              );
            return <CaseRow key={item.key} index={item.index} row={list.rowAt(item.index)} isActive={item.index === activeRow} language={i18n.language} onFocusRow={onFocusRow} />;
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One case row of the grid; memoised, so scrolling renders only the rows that come into view. */
const CaseRow = memo(function CaseRow({ index, row, isActive, language, onFocusRow }: { index: number; row: CaseListRow | undefined; isActive: boolean; language: string; onFocusRow(index: number): void }) {
  const { t } = useTranslation();
  const rowProps = {
    role: 'row',
    'aria-rowindex': index + 2,
    'data-row': index,
    tabIndex: isActive ? 0 : -1,
    onFocus: () => {
      if (!isActive) onFocusRow(index);
    },
    style: { height: ROW_HEIGHT },
  } as const;
  if (!row)
    return (
      <tr {...rowProps}>
        <td role="gridcell" colSpan={7} className="hint">
          {t('app.loading')}
        </td>
      </tr>
    );
  const age = row.child ? ageOf(row.child) : null;
  return (
    <tr {...rowProps}>
      <td role="gridcell">
        <a href={`#/cases/${row.id}`} className="case-link" tabIndex={-1}>
          {row.caseNumber}
        </a>
      </td>
      <td role="gridcell">
        {personName(row.child)}
        {age !== null ? <span className="hint"> · {t('cases.age', { count: age })}</span> : null}
        {row.childCount > 1 ? <span className="hint"> (+{row.childCount - 1})</span> : null}
      </td>
      <td role="gridcell">
        <LevelBadge level={row.priority} />
      </td>
      <td role="gridcell">
        <StatusBadge status={row.status} pending={row.closurePending} />
      </td>
      <td role="gridcell">
        {row.responsible.displayName}
        {row.coverFor ? <span className="tag cover-tag">{t('cover.for', { name: row.coverFor.displayName })}</span> : null}
      </td>
      <td role="gridcell">{formatDate(row.lastIntakeAt, language)}</td>
      <td role="gridcell">
        {row.flags.map((f) => (
          <span key={f} className="flag" title={t(`cases.flag.${f}`)}>
            <Flag aria-hidden="true" size={14} />
            <span className="visually-hidden">{t(`cases.flag.${f}`)}</span>
          </span>
        ))}
      </td>
    </tr>
  );
});
