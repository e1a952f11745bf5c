/**
 * A new risk assessment on a case (route /assessments/new?caseId=N[&previousId=M]).
 * The engine runs here, live, on every tick: it is pure shared code, the same
 * the core runs again when the assessment is saved.
 */
import { History, RotateCcw } from 'lucide-react';
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Group, Input, Label, Link, NumberField, Button as AriaButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { HARM_CONCERNS, type AssessmentRecord } from '../../../../shared/api/schemas/assessments';
import { caseWritable, type Member } from '../../../../shared/api/schemas/cases';
import { assess } from '../../../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../../../shared/risk-tool/instrument';
import type { LevelId } from '../../../../shared/risk-tool/types';
import { ApiError, call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Select } from '../../components/ui/Select';
import { formatDate } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraft } from '../drafts/useDraft';
import { AssessmentResult } from './AssessmentResult';
import { CriteriaWalk, DomainNavigator, jumpToDomain } from './CriteriaWalk';
import { DECISION_HEADING_ID, DecisionPanel, REASON_ID } from './DecisionPanel';
import { DOMAINS, MIN_REASON_LENGTH, WALK_ORDER, ageOn, criterionEntry, inInstrumentOrder, sectionId, textOf } from './instrumentText';

const positiveInt = (value: string | null): number | null => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
};

const nameOf = (m: Member) => `${m.person.firstName} ${m.person.lastName}`.trim();

export function AssessmentPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const caseId = positiveInt(params.get('caseId'));
  const previousParam = positiveInt(params.get('previousId'));
  const canAssess = useCan('assessment:write');

  if (!canAssess) {
    return (
      <Page>
        <Alert tone="error">{t('errors.auth.forbidden')}</Alert>
      </Page>
    );
  }
  if (!caseId) {
    return (
      <Page>
        <EmptyState action={<Link href="/assessments">{t('assessment.toList')}</Link>}>{t('assessment.noCase')}</EmptyState>
      </Page>
    );
  }
  // A new key per case and starting point: nothing of another case's form survives.
  return <AssessmentForm key={`${caseId}-${previousParam ?? ''}`} caseId={caseId} previousParam={previousParam} />;
}

function goToDecision(): void {
  const heading = document.getElementById(DECISION_HEADING_ID);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

function Page({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title" className="assess-page">
      <h1 id="page-title">{t('assessment.title')}</h1>
      {children}
    </section>
  );
}

interface Previous {
  id: number;
  assessedAt: string;
  finalLevel: LevelId;
  /** Ticked ids the current instrument no longer has (another instrument version). */
  dropped: number;
  version: string;
}

function AssessmentForm({ caseId, previousParam }: { caseId: number; previousParam: number | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const file = useCall('cases.get', { caseId });
  // The form is drawn from the case in a transition: React renders its many parts in slices of a
  // few ms when the case arrives, instead of in one long task (issue 14, item 10).
  const fileData = useDeferredValue(file.data);
  const history = useCall('assessments.listForCase', { caseId });
  const canApprove = useCan('assessment:approve');

  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set());
  /** Domains looked at with nothing found. */
  const [screened, setScreened] = useState<ReadonlySet<string>>(() => new Set());
  const [previous, setPrevious] = useState<Previous | null>(null);
  const [previousError, setPreviousError] = useState<string | null>(null);
  const [chosenChild, setChosenChild] = useState<number | null>(null);
  /** Age typed by the assessor when the birth date is unknown; undefined = not touched (estimate from the birth year). */
  const [typedAge, setTypedAge] = useState<number | null | undefined>(undefined);
  /** The assessor's level when it is not the computed one; null = follow the computed level. */
  const [chosen, setChosen] = useState<LevelId | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<AssessmentRecord | null>(null);
  const [current, setCurrent] = useState<string | null>(WALK_ORDER[0]!.id);

  // Ticks, level, reason and summary are this user's draft until saved: an idle lock loses nothing.
  const draftValue = { ticked: [...ticked], screened: [...screened], chosen, reason, summary, chosenChild, typedAge: typedAge ?? null, previousId: previous?.id ?? null };
  const draft = useDraft(`assessment:${caseId}`, {
    value: draftValue,
    dirty: !saved && (ticked.size > 0 || screened.size > 0 || chosen !== null || reason !== '' || summary !== ''),
    onRestore: (values) => {
      // Ids of an earlier instrument version read as the criteria that replaced them; domains as they are.
      setTicked(new Set(values.ticked.flatMap((id) => criterionEntry(id)?.criterion.id ?? [])));
      setScreened(new Set((values.screened ?? []).filter((id) => INSTRUMENT.domains.some((d) => d.id === id))));
      setChosen(values.chosen);
      setReason(values.reason);
      setSummary(values.summary);
      setChosenChild(values.chosenChild);
      if (values.typedAge !== null) setTypedAge(values.typedAge);
    },
  });

  const startFrom = useCallback((record: AssessmentRecord) => {
    // Ids of an earlier instrument version read as the criteria that replaced them.
    const known = record.criteria.flatMap((id) => {
      const entry = criterionEntry(id);
      return entry ? [entry.criterion.id] : [];
    });
    setTicked(new Set(known));
    // What was screened then must be looked at again: a new assessment screens afresh.
    setScreened(new Set());
    setPrevious({ id: record.id, assessedAt: record.assessedAt, finalLevel: record.finalLevel, dropped: record.criteria.length - known.length, version: record.instrumentVersion });
    setChosen(null);
  }, []);

  useEffect(() => {
    if (!previousParam) return;
    let alive = true;
    call('assessments.get', { id: previousParam })
      .then((record) => {
        if (!alive) return;
        if (record.caseId === caseId) startFrom(record);
        else setPreviousError(t('errors.assessments.notFound'));
      })
      .catch((e: unknown) => alive && setPreviousError(messageOf(t, e)));
    return () => {
      alive = false;
    };
  }, [previousParam, caseId, startFrom, t]);

  // The navigator follows the section at the top of the screen.
  const loaded = fileData !== null;
  useEffect(() => {
    if (!loaded) return;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.domain!;
          if (entry.isIntersecting) visible.add(id);
          else visible.delete(id);
        }
        const first = WALK_ORDER.find((d) => visible.has(d.id));
        if (first) setCurrent(first.id);
      },
      { rootMargin: '0px 0px -65% 0px' },
    );
    for (const domain of WALK_ORDER) {
      const section = document.getElementById(sectionId(domain.id));
      if (section) observer.observe(section);
    }
    return () => observer.disconnect();
  }, [loaded]);

  const children = useMemo(() => (fileData?.members ?? []).filter((m) => m.role === 'child'), [fileData]);
  const defaultChild = children.find((m) => m.isPrimary) ?? children[0] ?? null;
  const child = children.find((m) => m.person.id === chosenChild) ?? defaultChild;
  const today = useMemo(() => new Date(), []);
  const birthAge = child?.person.birthDate ? ageOn(child.person.birthDate, today) : null;
  const estimate = child && !child.person.birthDate && child.person.birthYear ? today.getFullYear() - child.person.birthYear : null;
  const manualAge = typedAge === undefined ? estimate : typedAge;
  const childAge = birthAge ?? manualAge ?? undefined;
  const engineAge = childAge !== undefined && childAge >= 0 && childAge <= 17 ? childAge : undefined;

  const result = useMemo(() => assess(INSTRUMENT, { criteria: [...ticked], screened: [...screened], childAge: engineAge }), [ticked, screened, engineAge]);
  const ageMismatch = useMemo(() => new Map(result.warnings.map((w) => [w.criterion, w.age])), [result.warnings]);
  const finalLevel = chosen ?? result.computed;
  const differs = finalLevel !== result.computed;
  // Risk Yok closes the door on a child: it always needs a reason.
  const reasonNeeded = differs || finalLevel === 'none';
  const harmReport = (fileData?.intakes ?? []).some((intake) => intake.concerns.some((code) => HARM_CONCERNS.includes(code)));
  const needsApproval = (finalLevel === 'urgent' || finalLevel === 'high' || (finalLevel === 'none' && harmReport)) && !canApprove;

  // A tick re-renders its section, the engine's result, the navigator and the decision panel: in a
  // transition React does that in slices of a few ms, so a tick never blocks the page (issue 14).
  const onToggle = useCallback((id: string, selected: boolean) => {
    startTransition(() =>
      setTicked((before) => {
        const next = new Set(before);
        if (selected) next.add(id);
        else next.delete(id);
        return next;
      }),
    );
  }, []);

  const onScreen = useCallback((domainId: string, value: boolean) => {
    setScreened((before) => {
      const next = new Set(before);
      if (value) next.add(domainId);
      else next.delete(domainId);
      return next;
    });
  }, []);

  /** The next domain neither answered nor screened, after the current one (wrapping). */
  const nextOpen = () => {
    if (result.missingDomains.length === 0) return;
    const from = current ? WALK_ORDER.findIndex((d) => d.id === current) : -1;
    const order = [...WALK_ORDER.slice(from + 1), ...WALK_ORDER.slice(0, from + 1)];
    const next = order.find((d) => result.missingDomains.includes(d.id)) ?? WALK_ORDER.find((d) => result.missingDomains.includes(d.id))!;
    setCurrent(next.id);
    jumpToDomain(next.id);
  };

  const onFinalLevel = (level: LevelId) => {
    setChosen(level === result.computed ? null : level);
    setReasonError(null);
  };

  const save = async () => {
    setError(null);
    setReasonError(null);
    // An incomplete assessment goes to the core, which refuses it naming the missing domains (checked before the reason).
    if (result.complete && reasonNeeded && reason.trim().length < MIN_REASON_LENGTH) {
      setReasonError(t(differs ? 'errors.assessments.reasonRequired' : 'errors.assessments.noRiskReasonRequired', { min: MIN_REASON_LENGTH }));
      document.getElementById(REASON_ID)?.focus();
      return;
    }
    setSaving(true);
    try {
      const record = await call('assessments.create', {
        caseId,
        childId: child?.person.id,
        previousId: previous?.id,
        criteria: inInstrumentOrder(ticked),
        screened: WALK_ORDER.filter((d) => screened.has(d.id)).map((d) => d.id),
        // A known birth date is the core's to count from; a typed or estimated age is sent.
        childAge: birthAge === null ? engineAge : undefined,
        finalLevel,
        overrideReason: reason.trim() || undefined,
        summary: summary.trim() || undefined,
      });
      setSaved(record);
      await draft.clear();
    } catch (e) {
      if (e instanceof ApiError && e.error.params?.field === 'overrideReason') setReasonError(messageOf(t, e));
      else if (e instanceof ApiError && e.error.code === 'assessments.incomplete') {
        // The core names the domains by id; name them in the reader's language.
        const ids = String(e.error.params?.ids ?? '').split(', ').filter((id) => DOMAINS.has(id));
        setError(t('assessment.incompleteRefused', { count: ids.length, domains: ids.map((id) => textOf(DOMAINS.get(id)!, language)).join('; ') }));
      } else setError(messageOf(t, e));
    } finally {
      setSaving(false);
    }
  };

  // Alt+D: the decision and Save from anywhere in the long list of criteria (shown on screen).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyD') return;
      event.preventDefault();
      goToDecision();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (saved) return <AssessmentResult record={saved} />;
  if (file.error) {
    return (
      <Page>
        <Alert tone="error">{messageOf(t, file.error)}</Alert>
        <p>
          <Link href="/assessments">{t('assessment.toList')}</Link>
        </p>
      </Page>
    );
  }
  if (!fileData) {
    return (
      <Page>
        <p role="status">{t('app.loading')}</p>
      </Page>
    );
  }

  const kase = fileData.case;
  const closed = kase.status === 'closed';
  const writable = caseWritable(kase);
  const latest = history.data && history.data.length > 0 ? history.data[history.data.length - 1]! : null;
  const tickedCount = ticked.size;

  return (
    <section aria-labelledby="page-title" className="assess-page">
      <header className="assess-head">
        <p className="hint crumbs">
          <Link href="/assessments">{t('pages.assessments.title')}</Link> / <Link href={`/cases/${kase.id}`}>{kase.caseNumber}</Link>
        </p>
        <h1 id="page-title">
          {t('assessment.titleFor', { name: child ? nameOf(child) : kase.caseNumber })}
        </h1>
        <div className="assess-meta">
          <span>{t('assessment.caseNumber', { number: kase.caseNumber })}</span>
          {child && birthAge !== null ? <span>{t('assessment.ageFromBirth', { count: birthAge, date: formatDate(child.person.birthDate!, language) })}</span> : null}
          <span>{t('assessment.instrumentVersion', { version: INSTRUMENT.version })}</span>
        </div>
        {children.length > 1 || (child && birthAge === null) || !child ? (
          <div className="inline-form assess-child">
            {children.length > 1 ? (
              <Select
                label={t('assessment.child')}
                options={children.map((m) => ({ id: String(m.person.id), label: nameOf(m) }))}
                value={String(child?.person.id ?? '')}
                onChange={(value) => setChosenChild(Number(value))}
              />
            ) : null}
            {birthAge === null ? (
              <NumberField value={manualAge ?? NaN} onChange={(value) => setTypedAge(Number.isNaN(value) ? null : value)} minValue={0} maxValue={17} step={1} className="field field-narrow">
                <Label className="field-label">{t('assessment.childAge')}</Label>
                <Group className="number-group">
                  <AriaButton slot="decrement" className="number-step" aria-label={t('assessment.ageLess')}>
                    −
                  </AriaButton>
                  <Input className="field-input" />
                  <AriaButton slot="increment" className="number-step" aria-label={t('assessment.ageMore')}>
                    +
                  </AriaButton>
                </Group>
              </NumberField>
            ) : null}
            {birthAge === null ? <p className="hint assess-age-hint">{estimate !== null && typedAge === undefined ? t('assessment.ageEstimated') : t('assessment.ageUnknownHint')}</p> : null}
          </div>
        ) : null}
        {closed ? <Alert tone="warning">{t('errors.assessments.caseClosed')}</Alert> : !writable ? <Alert tone="warning">{t('errors.cases.transferred')}</Alert> : null}
        <DraftNotice
          restoredAt={draft.restoredAt}
          onDiscard={() => {
            void draft.clear();
            setTicked(new Set());
            setChosen(null);
            setReason('');
            setSummary('');
          }}
        />
        {previousError ? <Alert tone="error">{previousError}</Alert> : null}
        {previous ? (
          <Alert tone="info">
            {t('assessment.startedFrom', { date: formatDate(previous.assessedAt, language) })} <LevelBadge level={previous.finalLevel} /> {t('assessment.startedFromHint')}
            {previous.dropped > 0 ? <> {t('assessment.droppedCriteria', { count: previous.dropped, version: previous.version })}</> : null}{' '}
            <Button
              variant="quiet"
              onPress={() => {
                setTicked(new Set());
                setScreened(new Set());
                setPrevious(null);
              }}
            >
              <RotateCcw aria-hidden="true" size={14} />
              {t('assessment.startEmpty')}
            </Button>
          </Alert>
        ) : latest && !previousParam ? (
          <div className="assess-previous">
            <History aria-hidden="true" size={18} />
            <span>
              {t('assessment.hasPrevious', { count: history.data!.length, date: formatDate(latest.assessedAt, language) })} <LevelBadge level={latest.finalLevel} />
            </span>
            <Button variant="secondary" onPress={() => startFrom(latest)}>
              {t('assessment.startFromPrevious')}
            </Button>
          </div>
        ) : null}
      </header>

      <p className="hint assess-shortcut">
        <kbd>Alt</kbd>+<kbd>D</kbd> {t('assessment.decisionShortcut')}
      </p>
      <div className="assess-layout">
        <DomainNavigator ticked={ticked} screened={screened} current={current} onDecision={goToDecision} />
        <CriteriaWalk ticked={ticked} screened={screened} onScreen={onScreen} ageMismatch={ageMismatch} footnotes={result.footnotes} onToggle={onToggle} current={current} />
        <DecisionPanel
          result={result}
          tickedCount={tickedCount}
          finalLevel={finalLevel}
          onFinalLevel={onFinalLevel}
          reason={reason}
          onReason={(value) => {
            setReason(value);
            if (reasonError && value.trim().length >= MIN_REASON_LENGTH) setReasonError(null);
          }}
          reasonError={reasonError}
          summary={summary}
          onSummary={setSummary}
          needsApproval={needsApproval}
          reasonNeeded={reasonNeeded}
          onNextOpen={nextOpen}
          saving={saving}
          error={error}
          canSave={writable}
          onSave={() => void save()}
        />
      </div>
    </section>
  );
}
