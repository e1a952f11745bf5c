/**
 * A form's draft: its values are written to the vault (drafts.save) a moment
 * after each change, read back when the form opens again (after a lock, on the
 * same screen), and deleted when the form is saved. Only the signed-in user's
 * own drafts are ever read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { call } from '../../api/client';
import { registerFlush, useUnsavedChanges } from './unsaved';

export const DRAFT_DEBOUNCE_MS = 700;

export interface DraftOptions<T> {
  /** The form's values (JSON-serialisable). */
  value: T;
  /** True when the form holds something not saved yet. */
  dirty: boolean;
  /** Puts a stored draft back into the form. */
  onRestore(value: T): void;
  /** The screen to return to; the current one by default. */
  route?: string;
}

export interface DraftHandle {
  /** When the restored draft was last written, or null. */
  restoredAt: string | null;
  /** Call after the form was saved (or the user threw the draft away): deletes it. */
  clear(): Promise<void>;
}

export function useDraft<T>(key: string | null, { value, dirty, onRestore, route }: DraftOptions<T>): DraftHandle {
  const location = useLocation();
  const here = route ?? `${location.pathname}${location.search}`;
  /** The key whose stored draft has been read (saving waits for it, so an empty form never overwrites a draft). */
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ key: string; at: string } | null>(null);
  /** The values last cleared (saved): not a draft any more until they change. */
  const [clearedJson, setClearedJson] = useState<string | null>(null);
  const stored = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<(() => Promise<void>) | null>(null);
  const restore = useRef(onRestore);
  useEffect(() => {
    restore.current = onRestore;
  });

  const json = JSON.stringify(value);
  const markClean = useUnsavedChanges(dirty && json !== clearedJson);
  const loaded = key !== null && loadedKey === key;

  useEffect(() => {
    stored.current = null;
    if (!key) return;
    let alive = true;
    call('drafts.get', { key })
      .then((draft) => {
        if (!alive) return;
        if (draft) {
          stored.current = draft.data;
          try {
            restore.current(JSON.parse(draft.data) as T);
            setRestored({ key, at: draft.updatedAt });
          } catch {
            // An unreadable draft is dropped, never shown half.
          }
        }
        setLoadedKey(key);
      })
      .catch(() => alive && setLoadedKey(key));
    return () => {
      alive = false;
    };
  }, [key]);

  useEffect(() => {
    if (!key || !loaded) return;
    const wanted = dirty && json !== clearedJson ? json : null;
    if (wanted === stored.current) return;
    const write = async () => {
      pending.current = null;
      if (wanted === null) await call('drafts.delete', { key });
      else await call('drafts.save', { key, route: here, data: wanted });
      stored.current = wanted;
    };
    pending.current = write;
    timer.current = setTimeout(() => void write().catch(() => undefined), DRAFT_DEBOUNCE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [key, loaded, dirty, json, clearedJson, here]);

  // A lock by the user, or leaving the page, writes what is still waiting.
  useEffect(() => {
    const flush = async () => {
      const write = pending.current;
      if (!write) return;
      if (timer.current) clearTimeout(timer.current);
      await write();
    };
    const unregister = registerFlush(flush);
    return () => {
      unregister();
      void flush().catch(() => undefined);
    };
  }, []);

  const clear = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    setClearedJson(json);
    markClean();
    stored.current = null;
    setRestored(null);
    if (key) await call('drafts.delete', { key }).catch(() => undefined);
  }, [key, json, markClean]);

  return { restoredAt: restored && restored.key === key ? restored.at : null, clear };
}
