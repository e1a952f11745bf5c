import { CalendarPlus, CalendarX, ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent, CalendarHoliday } from '../../../../shared/api/methods/calendar';
import { LOCALE, isLanguage } from '../../../../shared/i18n/languages';
import { addDaysToDay, localMoment, parseDay, todayLocal } from '../../../../shared/time/localDays';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { useCan, useCurrentSession } from '../auth/SessionContext';
import { personName } from '../cases/format';
import { addMonths, moveByKey, visibleDays, type View } from './calendarDays';
import { CancelVisitDialog, type VisitToCancel } from './CancelVisitDialog';
import { TeamPanel } from './TeamPanel';

const fmt = (language: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(isLanguage(language) ? LOCALE[language] : LOCALE.tr, options);

function eventTitle(t: (key: string, params?: Record<string, unknown>) => string, e: CalendarEvent): string {
  const what = e.titleKey ? t(e.titleKey, e.titleParams) : (e.title ?? '');
  if (e.kind === 'hearing') return `${t('calendar.kind.hearing')}: ${what}`;
  if (e.kind === 'referralReply') return `${t('calendar.kind.referralReply')}: ${what}`;
  return what;
}

/** Week and month views of visits, interviews, hearings, task deadlines and referral reply days, with public holidays. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentSession().user;
  const canReadAll = useCan('case:readAll');
  const canWrite = useCan('case:write');
  const [view, setView] = useState<View>('week');
  const [day, setDay] = useState(todayLocal());
  const [caseworker, setCaseworker] = useState('');
  const [planning, setPlanning] = useState(false);
  const [notice, setNotice] = useState<{ caseId: number; draft: boolean } | null>(null);
  const [cancelling, setCancelling] = useState<VisitToCancel | null>(null);
  const [cancelledNotice, setCancelledNotice] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const moveFocus = useRef(false);

  const days = useMemo(() => visibleDays(view, day), [view, day]);
  const range = { from: days[0]!, to: days[days.length - 1]!, ...(caseworker ? { caseworkerId: caseworker } : {}) };
  const data = useCall('calendar.events', range);
  const staff = useCall('cases.staff', {}, canReadAll);

  const byDay = useMemo(() => {
    const map = new Map<string, { holidays: CalendarHoliday[]; events: CalendarEvent[] }>();
    for (const d of days) map.set(d, { holidays: [], events: [] });
    for (const h of data.data?.holidays ?? []) map.get(h.day)?.holidays.push(h);
    for (const e of data.data?.events ?? []) map.get(e.day)?.events.push(e);
    return map;
  }, [days, data.data]);

  // After a key moved the day, the focus follows it (the grid may have re-rendered a new period).
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-day="${day}"]`)?.focus();
  }, [day, days]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = moveByKey(event.key, day);
    if (!next) return;
    event.preventDefault();
    moveFocus.current = true;
    setDay(next);
  };

  const lang = i18n.language;
  const weekdays = visibleDays('week', '2026-06-15').map((d) => fmt(lang, { weekday: 'short' }).format(parseDay(d)));
  const title =
    view === 'month'
      ? fmt(lang, { month: 'long', year: 'numeric' }).format(parseDay(day))
      : `${fmt(lang, { day: 'numeric', month: 'long' }).format(parseDay(days[0]!))} – ${fmt(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(parseDay(days[6]!))}`;
  const selected = byDay.get(day) ?? { holidays: [], events: [] };
  const step = (dir: 1 | -1) => setDay(view === 'week' ? addDaysToDay(day, 7 * dir) : addMonths(day, dir));
  const month = day.slice(0, 7);
  const weeks = Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));

  return (
    <section aria-labelledby="page-title" className="page calendar-page">
      <div className="page-head">
        <div>
          <h1 id="page-title">{t('pages.calendar.title')}</h1>
          <p className="hint">{t('calendar.keyboardHint')}</p>
        </div>
        <div className="calendar-controls">
          {canReadAll ? (
            <Select
              label={t('calendar.caseworker')}
              value={caseworker || 'all'}
              onChange={(id) => setCaseworker(id === 'all' ? '' : id)}
              options={[
                { id: 'all', label: t('calendar.wholeTeam') },
                ...(staff.data ?? []).filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin')).map((s) => ({ id: s.id, label: s.displayName })),
              ]}
            />
          ) : null}
          <ToggleButtonGroup
            aria-label={t('calendar.view')}
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={[view]}
            onSelectionChange={(keys: Set<Key>) => setView([...keys][0] as View)}
            className="lang-switch"
          >
            <ToggleButton id="week" className="lang-button">
              {t('calendar.week')}
            </ToggleButton>
            <ToggleButton id="month" className="lang-button">
              {t('calendar.month')}
            </ToggleButton>
          </ToggleButtonGroup>
        </div>
      </div>
      <div className="calendar-nav">
        <Button variant="quiet" aria-label={t(view === 'week' ? 'calendar.previousWeek' : 'calendar.previousMonth')} onPress={() => step(-1)}>
          <ChevronLeft aria-hidden="true" size={18} />
        </Button>
        <Button onPress={() => setDay(todayLocal())}>{t('calendar.today')}</Button>
        <Button variant="quiet" aria-label={t(view === 'week' ? 'calendar.nextWeek' : 'calendar.nextMonth')} onPress={() => step(1)}>
          <ChevronRight aria-hidden="true" size={18} />
        </Button>
        <h2 className="calendar-title" aria-live="polite">
          {title}
        </h2>
      </div>
      {data.error ? <Alert tone="error">{messageOf(t, data.error)}</Alert> : null}
      {data.data?.truncated ? <Alert tone="warning">{t('calendar.truncated')}</Alert> : null}
      <div ref={gridRef} role="grid" aria-label={title} aria-readonly="true" className={`calendar-grid calendar-${view}`} onKeyDown={onKeyDown}>
        <div role="row" className="calendar-row calendar-head">
          {weekdays.map((w) => (
            <div role="columnheader" key={w} className="calendar-weekday">
              {w}
            </div>
          ))}
        </div>
        {weeks.map((week) => (
          <div role="row" key={week[0]} className="calendar-row">
            {week.map((d) => {
              const cell = byDay.get(d)!;
              const holiday = cell.holidays.find((h) => !h.halfDay);
              const halfDay = cell.holidays.find((h) => h.halfDay);
              const label = `${fmt(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(parseDay(d))}${
                holiday ? `, ${t(holiday.nameKey)}` : halfDay ? `, ${t(halfDay.nameKey)}` : ''
              }, ${t('calendar.eventCount', { count: cell.events.length })}`;
              const classes = ['calendar-day'];
              if (d === day) classes.push('is-selected');
              if (d === todayLocal()) classes.push('is-today');
              if (holiday) classes.push('is-holiday');
              if (view === 'month' && d.slice(0, 7) !== month) classes.push('is-outside');
              return (
                <div
                  role="gridcell"
                  key={d}
                  data-day={d}
                  tabIndex={d === day ? 0 : -1}
                  aria-selected={d === day}
                  aria-label={label}
                  className={classes.join(' ')}
                  onClick={() => setDay(d)}
                  onFocus={() => d !== day && setDay(d)}
                >
                  <div className="calendar-date" aria-hidden="true">
                    {parseDay(d).getDate()}
                  </div>
                  {cell.holidays.map((h) => (
                    <div key={h.nameKey} className={`calendar-holiday${h.halfDay ? ' is-half' : ''}`} aria-hidden="true">
                      {t(h.nameKey)}
                    </div>
                  ))}
                  <ul className="calendar-events" aria-hidden="true">
                    {cell.events.slice(0, view === 'month' ? 3 : 8).map((e) => (
                      <li key={`${e.kind}-${e.id}`} className={`calendar-event level-border-${e.priority ?? 'unset'}${e.done ? ' is-done' : ''}`}>
                        {e.at ? <span className="calendar-time">{fmt(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(e.at))}</span> : null}
                        {eventTitle(t, e)}
                      </li>
                    ))}
                    {cell.events.length > (view === 'month' ? 3 : 8) ? <li className="hint">{t('calendar.more', { count: cell.events.length - (view === 'month' ? 3 : 8) })}</li> : null}
                  </ul>
                </div>
              );
            })}
          </div>
        ))}
      </div>

      <section aria-labelledby="day-title" className="calendar-detail">
        <div className="page-head">
          <h2 id="day-title">{fmt(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(parseDay(day))}</h2>
          {canWrite ? (
            <Button variant="primary" onPress={() => setPlanning(true)}>
              <CalendarPlus aria-hidden="true" size={16} /> {t('calendar.planVisit')}
            </Button>
          ) : null}
        </div>
        {cancelledNotice ? <Alert tone="success">{t('calendar.visitCancelled')}</Alert> : null}
        {notice ? (
          <Alert tone="success">
            {t(notice.draft ? 'calendar.plannedWithDraft' : 'calendar.plannedDraftKept')} <a href={`#/cases/${notice.caseId}?tab=notes`}>{t('calendar.openNotes')}</a>
          </Alert>
        ) : null}
        {selected.holidays.map((h) => (
          <p key={h.nameKey} className="calendar-holiday-line">
            {t(h.nameKey)}
            {h.halfDay ? ` — ${t('calendar.halfDay')}` : ` — ${t('calendar.holiday')}`}
          </p>
        ))}
        {selected.events.length === 0 ? (
          <p className="hint">{t('calendar.nothing')}</p>
        ) : (
          <ul className="calendar-day-list">
            {selected.events.map((e) => (
              <li key={`${e.kind}-${e.id}`} className={e.done ? 'is-done' : undefined}>
                <span className="calendar-time">{e.at ? fmt(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(e.at)) : t('calendar.allDay')}</span>
                <span className="tag">{t(`calendar.kind.${e.kind}`)}</span>
                <a href={`#/cases/${e.caseId}`}>{e.caseNumber}</a> <span>{eventTitle(t, e)}</span> <LevelBadge level={e.priority} />
                {e.user && (canReadAll || e.user.id !== me.id) ? <span className="hint"> · {e.user.displayName}</span> : null}
                {e.done ? <span className="tag"> {t('calendar.done')}</span> : null}
                {canWrite && (e.kind === 'home_visit' || e.kind === 'interview') ? (
                  <Button variant="quiet" aria-label={`${t('calendar.cancelVisit')}: ${e.caseNumber}`} onPress={() => setCancelling({ id: e.id, caseId: e.caseId, caseNumber: e.caseNumber, kind: e.kind as VisitToCancel['kind'], startsAt: e.at ?? '' })}>
                    <CalendarX aria-hidden="true" size={16} /> {t('calendar.cancelVisit')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <TeamPanel />

      {cancelling ? (
        <CancelVisitDialog
          visit={cancelling}
          onClose={(done) => {
            setCancelling(null);
            if (done) {
              setNotice(null);
              setCancelledNotice(true);
              data.reload();
            }
          }}
        />
      ) : null}
      {planning ? (
        <PlanVisitDialog
          day={day}
          onClose={() => setPlanning(false)}
          onPlanned={(caseId, draft) => {
            setPlanning(false);
            setCancelledNotice(false);
            setNotice({ caseId, draft });
            data.reload();
          }}
        />
      ) : null}
    </section>
  );
}

/** Plans a home visit or interview on one of the user's open cases; the visit note's draft is prepared on the case. */
function PlanVisitDialog({ day, onClose, onPlanned }: { day: string; onClose(): void; onPlanned(caseId: number, draft: boolean): void }) {
  const { t, i18n } = useTranslation();
  const canReadAll = useCan('case:readAll');
  const cases = useCall('cases.list', { status: ['intake', 'assessment', 'case_plan', 'implementation', 'follow_up'], sort: 'caseNumber', direction: 'asc', limit: 500 });
  const staff = useCall('cases.staff', {}, canReadAll);
  const [caseId, setCaseId] = useState('');
  const [kind, setKind] = useState<'home_visit' | 'interview'>('home_visit');
  const [time, setTime] = useState('10:00');
  const [visitor, setVisitor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    if (!caseId) return setError(t('calendar.chooseCase'));
    if (!/^\d{2}:\d{2}$/.test(time)) return setError(t('calendar.timeInvalid'));
    try {
      const visit = await call('calendar.planVisit', { caseId: Number(caseId), kind, startsAt: localMoment(day, time), ...(visitor ? { visitorUserId: visitor } : {}) });
      onPlanned(visit.caseId, visit.draftPrepared);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('calendar.planVisitOn', { date: new Intl.DateTimeFormat(LOCALE[isLanguage(i18n.language) ? i18n.language : 'tr'], { dateStyle: 'full' }).format(parseDay(day)) })}</Heading>
          <Select
            label={t('calendar.case')}
            value={caseId}
            onChange={setCaseId}
            options={(cases.data?.rows ?? []).map((r) => ({ id: String(r.id), label: `${r.caseNumber} — ${personName(r.child)}` }))}
          />
          <Select
            label={t('calendar.visitKind')}
            value={kind}
            onChange={(v) => setKind(v as 'home_visit' | 'interview')}
            options={(['home_visit', 'interview'] as const).map((k) => ({ id: k, label: t(`calendar.kind.${k}`) }))}
          />
          <TextField label={t('calendar.time')} value={time} onChange={setTime} description={t('calendar.timeHint')} />
          {canReadAll ? (
            <Select
              label={t('calendar.visitor')}
              value={visitor || 'me'}
              onChange={(v) => setVisitor(v === 'me' ? '' : v)}
              options={[{ id: 'me', label: t('calendar.visitorMe') }, ...(staff.data ?? []).filter((s) => !s.disabled && s.roles.some((r) => r !== 'admin')).map((s) => ({ id: s.id, label: s.displayName }))]}
            />
          ) : null}
          <p className="hint">{t('calendar.draftHint')}</p>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void submit()}>
              {t('calendar.plan')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
