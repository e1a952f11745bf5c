import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { formatDate } from '../../i18n/format';
import { personInput, type PersonDraft } from './PersonFields';

type CaseOfCandidate = DuplicateCandidate['cases'][number];

/** A case that takes a new report: not closed, and not sent to another office (a sent case is read-only here). */
export const isOpenCase = (k: CaseOfCandidate): boolean => k.status !== 'closed' && !k.transferred;

/** The case a report on this known child should go to: an open case first, else a closed one to reopen (visible ones only). */
export function caseToOffer(c: DuplicateCandidate): { kind: 'add' | 'reopen'; case: CaseOfCandidate } | null {
  const mine = c.cases.filter((k) => k.visible && k.role === 'child');
  const open = mine.find(isOpenCase);
  if (open) return { kind: 'add', case: open };
  const closed = mine.find((k) => k.status === 'closed' && !k.transferred);
  return closed ? { kind: 'reopen', case: closed } : null;
}

/** Does this known person have an open case as a child (visible or not)? Then a new case needs a reason. */
export const hasOpenCase = (c: DuplicateCandidate): boolean => c.cases.some((k) => k.role === 'child' && isOpenCase(k));

/** Only a person of a case the user may see can be linked (the router refuses the others); a supervisor links the rest. */
const mayLink = (c: DuplicateCandidate): boolean => c.cases.length === 0 || c.cases.some((k) => k.visible);

/**
 * While a person is typed in, asks the core for people already known (same
 * ID number, or a similar folded name with the same birth date or year) and
 * lets the user link the known person or confirm a new one. One case per
 * child: a known child with an open case is offered, first, "add this report
 * to case 2026/0025"; a closed case is offered for reopening.
 */
export function DuplicateWarning({
  draft,
  confirmedNew,
  onLink,
  onConfirmNew,
  onUseCase,
}: {
  draft: PersonDraft;
  confirmedNew: boolean;
  onLink(candidate: DuplicateCandidate): void;
  onConfirmNew(): void;
  onUseCase?: (kind: 'add' | 'reopen', caseId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const input = personInput(draft);
  const key = JSON.stringify({ f: input.firstName, l: input.lastName, d: input.birthDate, y: input.birthYear, it: input.idType, n: input.idNumber });

  useEffect(() => {
    const q = JSON.parse(key) as { f: string; l: string; d?: string; y?: number; it?: 'tc' | 'foreign' | 'passport'; n?: string };
    if (q.f.trim().length < 2 && !q.n) return;
    let alive = true;
    const timer = setTimeout(() => {
      call('people.findDuplicates', {
        firstName: q.f.trim() || '?',
        lastName: q.l,
        ...(q.d ? { birthDate: q.d } : {}),
        ...(q.y ? { birthYear: q.y } : {}),
        ...(q.it && q.n ? { idType: q.it, idNumber: q.n } : {}),
      })
        .then((r) => alive && setCandidates(r.candidates))
        .catch(() => alive && setCandidates([]));
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key]);

  if (candidates.length === 0 || confirmedNew || draft.firstName.trim().length < 2) return null;
  return (
    <div className="duplicate-warning" role="alert">
      <strong>{t('intake.duplicates.title', { count: candidates.length })}</strong>
      <ul>
        {candidates.map((c) => (
          <li key={c.personId}>
            <span>
              {c.firstName} {c.lastName}
              {c.birthDate ? ` · ${formatDate(c.birthDate, i18n.language)}` : c.birthYear ? ` · ${c.birthYear}` : ''}
              {c.idNumberMasked ? ` · ${t('intake.duplicates.idEnding', { last: c.idNumberMasked })}` : ''}
              {' · '}
              {c.reasons.map((r) => t(`intake.duplicates.reason.${r}`)).join(', ')}
              {c.cases.length ? ` · ${t('intake.duplicates.cases', { list: c.cases.map((k) => k.caseNumber).join(', ') })}` : ''}
            </span>
            <span className="duplicate-actions">
              {(() => {
                const offer = onUseCase ? caseToOffer(c) : null;
                return offer ? (
                  <Button variant="primary" onPress={() => onUseCase?.(offer.kind, offer.case.id)}>
                    {t(offer.kind === 'add' ? 'intake.duplicates.addToCase' : 'intake.duplicates.reopenCase', { caseNumber: offer.case.caseNumber })}
                  </Button>
                ) : null;
              })()}
              {mayLink(c) ? (
                <Button variant="secondary" onPress={() => onLink(c)}>
                  {hasOpenCase(c) ? t('intake.duplicates.linkNewCase') : t('intake.duplicates.link')}
                </Button>
              ) : (
                <span className="hint">{t('intake.duplicates.askSupervisor')}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <Button variant="quiet" onPress={onConfirmNew}>
        {t('intake.duplicates.confirmNew')}
      </Button>
    </div>
  );
}
