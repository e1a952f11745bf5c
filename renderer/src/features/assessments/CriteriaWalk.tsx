/**
 * The instrument as the assessor walks it: one section per domain (harm types,
 * then vulnerability types), criteria grouped by level column, one checkbox
 * per criterion, footnotes under the ticked criteria they belong to.
 *
 * Keyboard: Tab or ArrowDown/ArrowUp move between criteria, Space ticks,
 * Alt+ArrowDown/Alt+ArrowUp move to the next/previous domain (also from the
 * navigator). The `inferred` placement of a criterion is reviewers' data and
 * is never shown here.
 */
import { memo, startTransition, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Checkbox, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { INSTRUMENT } from '../../../../shared/risk-tool/instrument';
import { LEVEL_IDS, type Domain, type LevelId } from '../../../../shared/risk-tool/types';
import { FOOTNOTES, HARM_DOMAINS, VULNERABILITY_DOMAINS, WALK_ORDER, ageRangeText, levelName, sectionId, textOf } from './instrumentText';

const CHECKBOX = 'input[type="checkbox"][data-criterion-input]';

/** Focus a criterion's checkbox (after bringing it into view). */
export function focusCriterion(id: string): void {
  const input = document.querySelector<HTMLInputElement>(`${CHECKBOX}[data-criterion-input="${CSS.escape(id)}"]`);
  if (!input) return;
  input.closest('li')?.scrollIntoView({ block: 'center' });
  input.focus({ preventScroll: true });
}

/** Scroll a domain's section to the top and put focus on its heading (screen readers read the domain's name). */
export function jumpToDomain(domainId: string): void {
  const section = document.getElementById(sectionId(domainId));
  if (!section) return;
  section.scrollIntoView({ block: 'start' });
  section.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
}

/** The domain of the focused element, or `fallback`. */
function domainOfFocus(target: EventTarget | null, fallback: string | null): string | null {
  const section = target instanceof HTMLElement ? target.closest<HTMLElement>('[data-domain]') : null;
  return section?.dataset.domain ?? fallback;
}

/** Alt+ArrowDown/Up anywhere in the walk or the navigator: next/previous domain. Returns true when handled. */
export function handleDomainKeys(event: KeyboardEvent, current: string | null): boolean {
  if (!event.altKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return false;
  const from = domainOfFocus(event.target, current);
  const index = from ? WALK_ORDER.findIndex((d) => d.id === from) : -1;
  const next = event.key === 'ArrowDown' ? Math.min(index + 1, WALK_ORDER.length - 1) : Math.max(index - 1, 0);
  event.preventDefault();
  jumpToDomain(WALK_ORDER[next]!.id);
  return true;
}

interface WalkProps {
  ticked: ReadonlySet<string>;
  /** Domains looked at with nothing found. */
  screened: ReadonlySet<string>;
  onScreen(domainId: string, screened: boolean): void;
  /** Ticked criteria whose stated age does not fit the child (engine warnings). */
  ageMismatch: ReadonlyMap<string, number>;
  /** Footnote ids the engine says apply (ticked criteria, child's age). */
  footnotes: readonly string[];
  onToggle(id: string, selected: boolean): void;
  current: string | null;
}

/** Domains whose criteria are in the first paint; the rest follow DOMAINS_PER_STEP at a time. */
export const FIRST_DOMAINS = 1;
export const DOMAINS_PER_STEP = 1;

/**
 * How many domains (in walk order) have their criteria rendered: the first few at once, then a
 * few more per task, so opening the form never blocks the page for the whole instrument's
 * ~250 checkboxes at once (issue 14: one long task of ~1 s on a loaded machine). The sections and
 * their headings are all there from the start, so the navigator and Alt+arrows work at once.
 */
function useRevealedDomains(total: number): number {
  const [revealed, setRevealed] = useState(Math.min(FIRST_DOMAINS, total));
  useEffect(() => {
    if (revealed >= total) return;
    // A transition: React renders the next domains in slices of a few ms, yielding to input in between.
    const timer = setTimeout(() => startTransition(() => setRevealed((n) => Math.min(total, n + DOMAINS_PER_STEP))), 0);
    return () => clearTimeout(timer);
  }, [revealed, total]);
  return revealed;
}

export function CriteriaWalk({ ticked, screened, onScreen, ageMismatch, footnotes, onToggle, current }: WalkProps) {
  const { t, i18n } = useTranslation();
  const footnoteKey = footnotes.join(' ');
  const mismatchKey = [...ageMismatch].map(([id, age]) => `${id}=${age}`).join(' ');
  const revealed = useRevealedDomains(WALK_ORDER.length);
  const shared = { ticked, screened, onScreen, footnoteKey, mismatchKey, onToggle, revealed };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (handleDomainKeys(event, current)) return;
    if (event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    const target = event.target as HTMLElement;
    const inputs = [...event.currentTarget.querySelectorAll<HTMLInputElement>(CHECKBOX)];
    let next: HTMLInputElement | undefined;
    if (target.matches(CHECKBOX)) {
      const index = inputs.indexOf(target as HTMLInputElement);
      next = inputs[event.key === 'ArrowDown' ? index + 1 : index - 1];
    } else if (target.tagName === 'H3' && event.key === 'ArrowDown') {
      next = target.closest('section')?.querySelector<HTMLInputElement>(CHECKBOX) ?? undefined;
    }
    if (next) {
      event.preventDefault();
      next.closest('li')?.scrollIntoView({ block: 'nearest' });
      next.focus({ preventScroll: true });
    }
  };

  return (
    // The arrow keys are a shortcut layered on the checkboxes (which Tab reaches anyway); the container itself is not interactive.
    <div className="assess-walk" onKeyDown={onKeyDown}>
      <div className="assess-legend">
        <p className="hint">{t('assessment.keyboardHint')}</p>
        <p className="hint">
          <MayBeHigher /> {t('assessment.mayBeHigherLegend')}
        </p>
      </div>
      <Part title={t('assessment.harmPart')} intro={textOf(FOOTNOTES.get('risk-definition')!, i18n.language)} domains={HARM_DOMAINS} {...shared} />
      <Part title={t('assessment.vulnerabilityPart')} intro={textOf(FOOTNOTES.get('vulnerability-definition')!, i18n.language)} domains={VULNERABILITY_DOMAINS} {...shared} />
    </div>
  );
}

const footnotesOf = new Map<string, ReadonlySet<string>>();
const criteriaOf = new Map<string, ReadonlySet<string>>();
/** The footnote ids any criterion of the domain can show. */
function domainFootnotes(domain: Domain): ReadonlySet<string> {
  let ids = footnotesOf.get(domain.id);
  if (!ids) footnotesOf.set(domain.id, (ids = new Set(domain.criteria.flatMap((c) => c.footnotes))));
  return ids;
}
function domainCriteria(domain: Domain): ReadonlySet<string> {
  let ids = criteriaOf.get(domain.id);
  if (!ids) criteriaOf.set(domain.id, (ids = new Set(domain.criteria.map((c) => c.id))));
  return ids;
}
/**
 * The part of a space-joined key that concerns one domain: a tick that adds a footnote or an age
 * warning elsewhere leaves this domain's props equal, so its (memoised) section does not render
 * again — only the section ticked does, never all 18 with their ~250 checkboxes.
 */
function keyFor(key: string, ids: ReadonlySet<string>, idOf: (part: string) => string = (part) => part): string {
  return key
    ? key
        .split(' ')
        .filter((part) => ids.has(idOf(part)))
        .join(' ')
    : '';
}

interface PartProps {
  title: string;
  intro: string;
  domains: Domain[];
  ticked: ReadonlySet<string>;
  screened: ReadonlySet<string>;
  onScreen(domainId: string, screened: boolean): void;
  footnoteKey: string;
  mismatchKey: string;
  onToggle(id: string, selected: boolean): void;
  /** Domains (in walk order) whose criteria are rendered yet. */
  revealed: number;
}

function Part({ title, intro, domains, ticked, screened, onScreen, footnoteKey, mismatchKey, onToggle, revealed }: PartProps) {
  const { i18n } = useTranslation();
  return (
    <div className="assess-part">
      <h2>{title}</h2>
      <details className="assess-definition">
        <summary>{intro.split(':')[0]}</summary>
        <p>{intro}</p>
      </details>
      {domains.map((domain) => (
        <DomainSection
          key={domain.id}
          domain={domain}
          tickedKey={domain.criteria
            .filter((c) => ticked.has(c.id))
            .map((c) => c.id)
            .join(' ')}
          isScreened={screened.has(domain.id)}
          onScreen={onScreen}
          footnoteKey={keyFor(footnoteKey, domainFootnotes(domain))}
          mismatchKey={keyFor(mismatchKey, domainCriteria(domain), (pair) => pair.split('=')[0]!)}
          onToggle={onToggle}
          language={i18n.language}
          pending={WALK_ORDER.indexOf(domain) >= revealed}
        />
      ))}
    </div>
  );
}

interface SectionProps {
  domain: Domain;
  /** Ticked ids of this domain, space-joined (a string, so the memo skips untouched domains). */
  tickedKey: string;
  isScreened: boolean;
  onScreen(domainId: string, screened: boolean): void;
  footnoteKey: string;
  /** "criterionId=age" pairs of the age warnings, space-joined. */
  mismatchKey: string;
  onToggle(id: string, selected: boolean): void;
  language: string;
  /** Criteria not rendered yet (the form is still filling in, a moment after opening). */
  pending: boolean;
}

const DomainSection = memo(function DomainSection({ domain, tickedKey, isScreened, onScreen, footnoteKey, mismatchKey, onToggle, language, pending }: SectionProps) {
  const { t } = useTranslation();
  const ticked = useMemo(() => new Set(tickedKey ? tickedKey.split(' ') : []), [tickedKey]);
  const mismatch = useMemo(() => new Map(mismatchKey ? mismatchKey.split(' ').map((pair) => pair.split('=') as [string, string]) : []), [mismatchKey]);
  const answered = ticked.size > 0;
  const shownNotes = useMemo(() => new Set(footnoteKey ? footnoteKey.split(' ') : []), [footnoteKey]);
  const columns = LEVEL_IDS.map((level) => ({ level, criteria: domain.criteria.filter((c) => c.level === level) })).filter((column) => column.criteria.length > 0);
  const headingId = `${sectionId(domain.id)}-title`;
  const number = WALK_ORDER.indexOf(domain) + 1;

  return (
    <section id={sectionId(domain.id)} data-domain={domain.id} className={`domain${answered ? ' is-answered' : isScreened ? ' is-screened' : ' is-open'}`} aria-labelledby={headingId}>
      <header className="domain-head">
        <h3 id={headingId} tabIndex={-1}>
          <span className="domain-number">{t('assessment.domainNumber', { number, total: WALK_ORDER.length })}</span>
          {textOf(domain, language)}
        </h3>
        {domain.description ? <p className="domain-description">{textOf(domain.description, language)}</p> : null}
        {domain.guidance ? (
          <p className="domain-guidance">
            <strong>{t('assessment.guidance')}</strong> {textOf(domain.guidance, language)}
          </p>
        ) : null}
        <div className="domain-status">
          {answered ? (
            <p className="domain-count">{t('assessment.tickedInDomain', { count: ticked.size })}</p>
          ) : (
            <ToggleButton className="btn btn-secondary screen-toggle" isSelected={isScreened} onChange={(value) => onScreen(domain.id, value)} data-screen={domain.id}>
              <span className="screen-box" aria-hidden="true">
                {isScreened ? '✓' : ''}
              </span>
              {t('assessment.screen')}
            </ToggleButton>
          )}
          {!answered && !isScreened ? <span className="domain-open">{t('assessment.domainOpen')}</span> : null}
        </div>
      </header>
      {pending ? <div className="domain-pending" aria-hidden="true" style={{ height: domain.criteria.length * 40 }} /> : null}
      {(pending ? [] : columns).map(({ level, criteria }) => (
        <LevelColumn key={level} level={level} language={language} domainName={textOf(domain, language)}>
          {criteria.map((criterion) => {
            const selected = ticked.has(criterion.id);
            const notes = selected ? criterion.footnotes.filter((id, index, all) => shownNotes.has(id) && all.indexOf(id) === index) : [];
            const notesId = `${criterion.id}-notes`;
            const wrongAge = selected && criterion.age && mismatch.has(criterion.id) ? mismatch.get(criterion.id)! : null;
            const warningId = `${criterion.id}-age`;
            const describedBy = [notes.length > 0 ? notesId : '', wrongAge !== null ? warningId : ''].filter(Boolean).join(' ');
            return (
              <li key={criterion.id} className={`criterion${selected ? ' is-ticked' : ''}`}>
                <Checkbox
                  className="checkbox criterion-check"
                  isSelected={selected}
                  onChange={(value) => onToggle(criterion.id, value)}
                  aria-describedby={describedBy || undefined}
                  inputRef={(input) => input?.setAttribute('data-criterion-input', criterion.id)}
                >
                  <span className="checkbox-box" aria-hidden="true" />
                  <span className="criterion-text">
                    {textOf(criterion, language)}
                    {criterion.mayBeHigher ? (
                      <>
                        {' '}
                        <MayBeHigher />
                      </>
                    ) : null}
                  </span>
                </Checkbox>
                {wrongAge !== null ? (
                  <p id={warningId} className="criterion-warning" data-warning="ageMismatch">
                    {t('assessment.ageMismatch', { age: wrongAge, range: ageRangeText(t, criterion.age!) })}
                  </p>
                ) : null}
                {notes.length > 0 ? (
                  <div id={notesId} className="criterion-notes">
                    {notes.map((id) => (
                      <p key={id}>
                        <strong>{t('assessment.footnote')}</strong> {textOf(FOOTNOTES.get(id)!, language)}
                      </p>
                    ))}
                  </div>
                ) : null}
              </li>
            );
          })}
        </LevelColumn>
      ))}
    </section>
  );
});

/** The seed's "may also be assessed as …" mark; the arrow is decoration, the words are the mark. */
function MayBeHigher() {
  const { t } = useTranslation();
  return (
    <span className="may-be-higher" title={t('assessment.mayBeHigherLegend')}>
      <span aria-hidden="true">↑ </span>
      {t('assessment.mayBeHigher')}
    </span>
  );
}

function LevelColumn({ level, language, domainName, children }: { level: LevelId; language: string; domainName: string; children: ReactNode }) {
  const id = `${domainName}-${level}`.replace(/[^\p{L}\p{N}-]+/gu, '-');
  return (
    <div className={`level-column level-column-${level}`} role="group" aria-labelledby={id}>
      <h4 id={id} className="level-column-title">
        <span className={`level-dot level-dot-${level}`} aria-hidden="true" />
        {levelName(level, language)}
      </h4>
      <ul className="criteria">{children}</ul>
    </div>
  );
}

/** The domains with their ticked counts: jump to a section, see where you are. */
export function DomainNavigator({ ticked, screened, current, onDecision }: { ticked: ReadonlySet<string>; screened: ReadonlySet<string>; current: string | null; onDecision(): void }) {
  const { t, i18n } = useTranslation();
  const groups = [
    { title: t('assessment.harmPart'), domains: HARM_DOMAINS },
    { title: t('assessment.vulnerabilityPart'), domains: VULNERABILITY_DOMAINS },
  ];
  const total = INSTRUMENT.domains.reduce((sum, d) => sum + d.criteria.filter((c) => ticked.has(c.id)).length, 0);
  return (
    <nav className="assess-nav" aria-label={t('assessment.navigator')} onKeyDown={(event) => void handleDomainKeys(event, current)}>
      {groups.map((group) => (
        <div key={group.title} className="assess-nav-group">
          <p className="assess-nav-title">{group.title}</p>
          <ul>
            {group.domains.map((domain) => {
              const count = domain.criteria.filter((c) => ticked.has(c.id)).length;
              const highest = LEVEL_IDS.find((level) => domain.criteria.some((c) => c.level === level && ticked.has(c.id)));
              return (
                <li key={domain.id}>
                  <button type="button" className="assess-nav-item" aria-current={current === domain.id ? 'location' : undefined} onClick={() => jumpToDomain(domain.id)}>
                    <span className="assess-nav-name">
                      {textOf(domain, i18n.language)}
                      <span className="visually-hidden">: </span>
                    </span>
                    {count === 0 && screened.has(domain.id) ? (
                      <span className="assess-nav-count is-screened" title={t('assessment.screened')}>
                        ✓<span className="visually-hidden"> {t('assessment.screened')}</span>
                      </span>
                    ) : (
                      <span className={`assess-nav-count${count > 0 ? ` has-ticks level-${highest ?? 'none'}` : ' is-open'}`}>
                        {count}
                        <span className="visually-hidden"> {count > 0 ? t('assessment.ticked') : t('assessment.domainOpen')}</span>
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      <button type="button" className="assess-nav-item assess-nav-decision" onClick={onDecision}>
        <span className="assess-nav-name">{t('assessment.toDecision')}</span>
        <span className="assess-nav-count has-ticks">
          {total}
          <span className="visually-hidden"> {t('assessment.ticked')}</span>
        </span>
      </button>
    </nav>
  );
}
