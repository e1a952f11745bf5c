import type { ReactNode } from 'react';
import { AlertTriangle, CheckCircle2, Info } from 'lucide-react';

type Tone = 'error' | 'success' | 'info' | 'warning';
const ICONS = { error: AlertTriangle, warning: AlertTriangle, success: CheckCircle2, info: Info };

/** A message box; errors are announced to screen readers at once. */
export function Alert({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  const Icon = ICONS[tone];
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon aria-hidden="true" size={18} />
      <div>{children}</div>
    </div>
  );
}
