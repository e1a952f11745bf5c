/**
 * Forms with unsaved changes: they register here, so leaving the page asks
 * first, and a lock by the user waits for their last draft to be written.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { Button } from '../../components/ui/Button';

interface UnsavedApi {
  set(id: string, dirty: boolean): void;
}

const UnsavedContext = createContext<UnsavedApi | null>(null);

/** Pending draft writes; `flushDrafts()` runs them at once (before a lock by the user). */
const flushers = new Set<() => Promise<void>>();
export function registerFlush(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}
export async function flushDrafts(): Promise<void> {
  await Promise.all([...flushers].map((flush) => flush().catch(() => undefined)));
}

/** Wraps the signed-in app: asks before a route change leaves a form with unsaved changes. */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const dirty = useRef(new Set<string>());
  const api = useMemo<UnsavedApi>(
    () => ({
      set(id, isDirty) {
        if (isDirty) dirty.current.add(id);
        else dirty.current.delete(id);
      },
    }),
    [],
  );
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current.size > 0 && currentLocation.pathname !== nextLocation.pathname);
  const blocked = blocker.state === 'blocked';

  return (
    <UnsavedContext.Provider value={api}>
      {children}
      <ModalOverlay className="modal-overlay" isOpen={blocked} onOpenChange={(open) => !open && blocker.reset?.()} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            <Heading slot="title">{t('drafts.leaveTitle')}</Heading>
            <p>{t('drafts.leaveText')}</p>
            <div className="form-actions">
              <Button variant="secondary" onPress={() => blocker.proceed?.()}>
                {t('drafts.leave')}
              </Button>
              <Button variant="primary" autoFocus onPress={() => blocker.reset?.()}>
                {t('drafts.stay')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </UnsavedContext.Provider>
  );
}

/**
 * Marks the calling form as having unsaved changes while `dirty` is true. The
 * returned `markClean` clears the mark at once (a saved form navigating away).
 */
export function useUnsavedChanges(dirty: boolean): () => void {
  const api = useContext(UnsavedContext);
  const id = useId();
  useEffect(() => {
    api?.set(id, dirty);
    return () => api?.set(id, false);
  }, [api, id, dirty]);
  return useCallback(() => api?.set(id, false), [api, id]);
}
