import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseListInput, CaseListRow } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';

export const PAGE_SIZE = 100;

interface Loaded {
  key: string;
  total: number | null;
  pages: Map<number, CaseListRow[]>;
}
const empty = (key: string): Loaded => ({ key, total: null, pages: new Map() });
export type CaseQuery = Omit<Partial<CaseListInput>, 'offset' | 'limit'>;

/**
 * Pages of the case list loaded on demand as the user scrolls, so a list of
 * 100 000 cases costs only the rows on screen. Changing the query starts over.
 */
export function useCaseList(query: CaseQuery) {
  const key = JSON.stringify(query);
  // Results belong to the query they were loaded for; a new query starts from nothing.
  const [data, setData] = useState<Loaded>(() => empty(key));
  const current = data.key === key ? data : empty(key);
  const [error, setError] = useState<unknown>(null);
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  const loadPage = useCallback(
    (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const gen = generation.current;
      call('cases.list', { ...(JSON.parse(key) as CaseQuery), offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          if (gen !== generation.current) return;
          setData((prev) => {
            const base = prev.key === key ? prev : empty(key);
            return { key, total: result.total, pages: new Map(base.pages).set(page, result.rows) };
          });
          setError(null);
        })
        .catch((e: unknown) => {
          if (gen === generation.current) setError(e);
        })
        .finally(() => loading.current.delete(page));
    },
    [key],
  );

  useEffect(() => {
    generation.current += 1;
    loading.current = new Set();
    loadPage(0);
  }, [loadPage]);

  const rowAt = useCallback(
    (index: number): CaseListRow | undefined => {
      const page = Math.floor(index / PAGE_SIZE);
      const rows = current.pages.get(page);
      if (!rows) {
        loadPage(page);
        return undefined;
      }
      return rows[index % PAGE_SIZE];
    },
    [current.pages, loadPage],
  );

  return { total: current.total, rowAt, error };
}
