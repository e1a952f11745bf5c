import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Method, Output } from '../../../shared/api/contract';
import { call } from './client';

export interface CallState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Changes the loaded value in place, from a write's reply: no second request. */
  update(change: (data: T) => T): void;
}

/** Loads `method(input)` and reloads when the serialised input changes; stale replies are dropped. */
export function useCall<M extends Method>(method: M, input: Input<M>, enabled = true): CallState<Output<M>> {
  const [data, setData] = useState<Output<M> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(enabled);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(input);
  const request = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const id = ++request.current;
    call(method, JSON.parse(key) as Input<M>)
      .then((value) => {
        if (id !== request.current) return;
        setData(value);
        setError(null);
      })
      .catch((e: unknown) => {
        if (id === request.current) setError(e);
      })
      .finally(() => {
        if (id === request.current) setLoading(false);
      });
  }, [method, key, enabled, version]);

  const reload = useCallback(() => {
    setLoading(true);
    setVersion((v) => v + 1);
  }, []);
  const update = useCallback((change: (data: Output<M>) => Output<M>) => {
    setData((current) => (current === null ? current : change(current)));
  }, []);
  return { data, error, loading, reload, update };
}
