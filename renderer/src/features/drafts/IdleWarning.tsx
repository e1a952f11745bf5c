/**
 * A minute before the idle lock the core says so (session.idleWarning): a
 * dismissable warning counts down. Staying (the button, Escape, or any key or
 * click) tells the core at once and closes it. Drafts are already saved.
 */
import { Clock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api/client';
import { Button } from '../../components/ui/Button';

export function IdleWarning() {
  const { t } = useTranslation();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(
    () =>
      subscribe('session.idleWarning', ({ remainingMs }) => {
        setNow(Date.now());
        setDeadline(Date.now() + remainingMs);
      }),
    [],
  );

  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const stay = () => {
      setDeadline(null);
      void call('auth.activity', {}).catch(() => undefined);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') event.preventDefault();
      stay();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', stay, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', stay, true);
    };
  }, [deadline]);

  if (deadline === null) return null;
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="idle-warning-title" aria-describedby="idle-warning-text">
      <Clock aria-hidden="true" size={20} />
      <div>
        <strong id="idle-warning-title">{t('idle.title')}</strong>
        <p id="idle-warning-text">
          {t('idle.text', { count: seconds })} <span className="hint">{t('idle.drafts')}</span>
        </p>
      </div>
      <Button variant="primary" onPress={() => setDeadline(null)}>
        {t('idle.stay')}
      </Button>
    </div>
  );
}
