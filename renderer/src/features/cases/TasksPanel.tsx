import { Check } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';

export function useTaskTitle() {
  const { t } = useTranslation();
  return (task: Task) => task.title ?? (task.titleKey ? t(task.titleKey, task.titleParams) : task.kind);
}

/** A list of tasks with their due dates; done ones are kept but greyed. */
export function TaskList({ tasks, onChanged, showCase }: { tasks: Task[]; onChanged(): void; showCase?: boolean }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('case:write');
  const title = useTaskTitle();
  const [error, setError] = useState<string | null>(null);
  // The moment the list was shown decides what counts as overdue on screen.
  const [now] = useState(() => Date.now());
  const complete = async (task: Task) => {
    try {
      await call('tasks.complete', { taskId: task.id });
      onChanged();
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="task-list">
        {tasks.map((task) => {
          const overdue = !task.doneAt && new Date(task.dueAt).getTime() < now;
          return (
            <li key={task.id} className={`task ${task.doneAt ? 'task-done' : ''} ${overdue ? 'task-overdue' : ''}`}>
              <LevelBadge level={task.priority} />
              <div className="task-main">
                <div>
                  {showCase ? (
                    <a href={`#/cases/${task.caseId}`} className="case-link">
                      {task.caseNumber}
                      {task.childName ? ` · ${task.childName}` : ''}
                    </a>
                  ) : null}
                  <span className="task-title">{title(task)}</span>
                </div>
                <div className="hint">
                  {overdue ? <strong className="overdue-text">{t('tasks.overdue')} · </strong> : null}
                  {t('tasks.due', { when: formatDateTime(task.dueAt, i18n.language) })}
                  {task.assignee ? ` · ${task.assignee.displayName}` : ''}
                  {task.doneAt ? ` · ${task.cancelled ? t('tasks.cancelled') : t('tasks.doneBy', { name: task.doneBy?.displayName ?? '' })}` : ''}
                </div>
              </div>
              {!task.doneAt && canWrite ? (
                <Button variant="secondary" onPress={() => void complete(task)} aria-label={t('tasks.completeOf', { title: title(task) })}>
                  <Check aria-hidden="true" size={14} /> {t('tasks.complete')}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function TasksPanel({ tasks, onChanged }: { tasks: Task[]; onChanged(): void }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <EmptyState>{t('tasks.emptyCase')}</EmptyState>;
  const open = tasks.filter((x) => !x.doneAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const done = tasks.filter((x) => x.doneAt);
  return (
    <div>
      <TaskList tasks={open} onChanged={onChanged} />
      {done.length ? (
        <details className="done-tasks">
          <summary>{t('tasks.doneCount', { count: done.length })}</summary>
          <TaskList tasks={done} onChanged={onChanged} />
        </details>
      ) : null}
    </div>
  );
}
