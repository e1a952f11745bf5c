import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { personName } from './format';
import { StatusBadge } from './StatusBadge';

const DEBOUNCE_MS = 200;

/**
 * One box for children, households, case numbers, ID numbers and note text.
 * Turkish-aware on the core side ("ozturk" finds "Öztürk"); results ranked.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  // Results carry the query they answer: when the query changes they are gone at once (never
  // the previous child's cases under a new name), and a late reply to an old query is dropped.
  const [results, setResults] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) return;
    let alive = true;
    const timer = setTimeout(() => {
      call('cases.search', { q: query, limit: 20 })
        .then((r) => alive && (setResults({ query, hits: r.hits }), setError(null)))
        .catch((e: unknown) => alive && setError(messageOf(t, e)));
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [q, t]);

  const query = q.trim();
  const shown = query.length >= 2 && results?.query === query ? results.hits : null;
  const searching = query.length >= 2 && !shown && !error;
  return (
    <div className="search">
      <SearchField value={q} onChange={setQ} onSubmit={() => shown?.[0] && navigate(`/cases/${shown[0].caseId}`)} className="field search-field" aria-describedby="search-hint">
        <Label className="field-label">{t('cases.search.label')}</Label>
        <div className="search-input-wrap">
          <Search aria-hidden="true" size={16} className="search-icon" />
          <Input className="field-input search-input" placeholder={t('cases.search.placeholder')} />
        </div>
      </SearchField>
      <p id="search-hint" className="visually-hidden">
        {t('cases.search.hint')}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      {searching ? (
        <p className="search-results hint" role="status" data-testid="search-pending">
          {t('cases.search.searching')}
        </p>
      ) : null}
      {shown ? (
        <div className="search-results" role="region" aria-live="polite" aria-label={t('cases.search.results')}>
          {shown.length === 0 ? (
            <p className="hint">{t('cases.search.none', { q: q.trim() })}</p>
          ) : (
            <ul>
              {shown.map((hit, i) => (
                <li key={`${hit.caseId}-${hit.match}-${hit.person?.id ?? hit.noteId ?? i}`}>
                  <a href={`#/cases/${hit.caseId}`} className="search-hit">
                    <span className="search-hit-main">
                      <strong>{hit.person ? personName(hit.person) : (hit.householdName ?? hit.caseNumber)}</strong>
                      <span className="hint"> · {hit.caseNumber}</span>
                    </span>
                    <span className="search-hit-meta">
                      <span className="tag">{t(`cases.search.match.${hit.match}`)}</span>
                      <StatusBadge status={hit.status} />
                    </span>
                    {hit.snippet ? <span className="search-snippet">…{hit.snippet}…</span> : null}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
