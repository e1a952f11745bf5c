import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** How long an action can be undone from its toast (issue 14, item 9). */
export const UNDO_SECONDS = 10;

interface UndoOffer {
  id: number;
  message: string;
  onUndo(): Promise<void> | void;
}

// One offer at a time, app-wide: a toast outlives the list that raised it (a dashboard group that empties).
let current: UndoOffer | null = null;
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Shows "message · Undo" for UNDO_SECONDS; a newer offer replaces the one shown. */
export function offerUndo(message: string, onUndo: () => Promise<void> | void): void {
  current = { id: nextId++, message, onUndo };
  emit();
}

function dismiss(id: number): void {
  if (current?.id !== id) return;
  current = null;
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Mounted once in the shell: the live region the undo offers appear in. */
export function UndoToastRegion() {
  const offer = useSyncExternalStore(subscribe, () => current);
  return <div className="toast-region">{offer ? <UndoToast key={offer.id} offer={offer} /> : null}</div>;
}

function UndoToast({ offer }: { offer: UndoOffer }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(UNDO_SECONDS);
  const [busy, setBusy] = useState(false);
  const toastRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = UNDO_SECONDS - Math.floor((Date.now() - started) / 1000);
      if (remaining <= 0) dismiss(offer.id);
      else setLeft(remaining);
    }, 250);
    return () => clearInterval(timer);
  }, [offer.id]);
  // The control the user pressed is gone (the task moved to the done list): Undo takes the focus.
  useEffect(() => toastRef.current?.querySelector<HTMLButtonElement>('button')?.focus(), []);
  const undo = async () => {
    setBusy(true);
    try {
      await offer.onUndo();
    } finally {
      dismiss(offer.id);
    }
  };
  return (
    <div className="toast" role="status" ref={toastRef}>
      <span>{offer.message}</span>
      <Button variant="secondary" onPress={() => void undo()} isDisabled={busy}>
        {t('toast.undo', { seconds: left })}
      </Button>
      <Button variant="quiet" onPress={() => dismiss(offer.id)} aria-label={t('toast.dismiss')}>
        ×
      </Button>
    </div>
  );
}
