import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { formatDate } from '../../i18n/format';
import { personInput, type PersonDraft } from './PersonFields';

/**
 * While a person is typed in, asks the core for people already known (same
 * ID number, or a similar folded name with the same birth date or year) and
 * lets the user link the known person or confirm a new one.
 */
export function DuplicateWarning({ draft, confirmedNew, onLink, onConfirmNew }: { draft: PersonDraft; confirmedNew: boolean; onLink(candidate: DuplicateCandidate): void; onConfirmNew(): void }) {
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
            <Button variant="secondary" onPress={() => onLink(c)}>
              {t('intake.duplicates.link')}
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="quiet" onPress={onConfirmNew}>
        {t('intake.duplicates.confirmNew')}
      </Button>
    </div>
  );
}
