import type { ReactNode } from 'react';
import { Inbox } from 'lucide-react';

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <Inbox aria-hidden="true" size={32} strokeWidth={1.5} />
      <p>{children}</p>
      {action}
    </div>
  );
}
