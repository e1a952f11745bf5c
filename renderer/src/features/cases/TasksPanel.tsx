import { Check } from 'lucide-react';
import { useState } from 'react';
import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { offerUndo } from '../../components/ui/UndoToast';
import { formatDateTime } from '../../i18n/format';
import type { Output } from '../../../../shared/api/contract';

/** A task as a write returns it (with the plan, for a plan action's task). */
type TaskWritten = Output<'tasks.complete'>;
import { useCan } from '../auth/SessionContext';

export function useTaskTitle() {
  const { t } = useTranslation();
  return (task: Task) => task.title ?? (task.titleKey ? t(task.titleKey, task.titleParams) : task.kind);
}

/**
 * A list of tasks with their due dates; done ones are kept but greyed. `onTask` takes each
 * write's reply (the case file merges it); without it the list's owner reloads (`onChanged`).
 */
export function TaskList({ tasks, onChanged, onTask, showCase, writable = true }: { tasks: Task[]; onChanged?(): void; onTask?(written: TaskWritten): void; showCase?: boolean; writable?: boolean }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('case:write') && writable;
  const title = useTaskTitle();
  const [error, setError] = useState<string | null>(null);
  // The moment the list was shown decides what counts as overdue on screen.
  const [now] = useState(() => Date.now());
  // Completing asks what came of it, then offers Undo for 10 seconds.
  const [completing, setCompleting] = useState<Task | null>(null);
  const changed = (written: TaskWritten | null) => {
    if (onTask && written) onTask(written);
    else onChanged?.();
  };
  const completed = (task: TaskWritten) => {
    setCompleting(null);
    changed(task);
    offerUndo(t('tasks.completedToast', { title: title(task) }), async () => {
      try {
        changed(await call('tasks.undoComplete', { taskId: task.id }));
      } catch (e) {
        setError(messageOf(t, e));
        if (!onTask) onChanged?.();
      }
    });
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
                  {task.doneAt && !task.cancelled ? ` · ${formatDateTime(task.doneAt, i18n.language)}` : ''}
                </div>
                {task.outcome ? <div className="task-outcome">{t('tasks.outcomeShown', { outcome: task.outcome })}</div> : null}
              </div>
              {!task.doneAt && canWrite ? (
                <Button variant="secondary" onPress={() => setCompleting(task)} aria-label={t('tasks.completeOf', { title: title(task) })}>
                  <Check aria-hidden="true" size={14} /> {t('tasks.complete')}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {completing ? <CompleteDialog task={completing} title={title(completing)} onCancel={() => setCompleting(null)} onDone={completed} /> : null}
    </>
  );
}

/** "What came of it?": the outcome is required in the app and kept with the task. */
function CompleteDialog({ task, title, onCancel, onDone }: { task: Task; title: string; onCancel(): void; onDone(task: TaskWritten): void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!outcome.trim()) {
      setError(t('tasks.outcomeRequired'));
      return;
    }
    setBusy(true);
    try {
      onDone(await call('tasks.complete', { taskId: task.id, outcome: outcome.trim() }));
    } catch (e) {
      setError(messageOf(t, e));
      setBusy(false);
    }
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(open) => (open ? null : onCancel())} isDismissable={!busy}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{t('tasks.completeTitle')}</Heading>
          <p>{title}</p>
          <Form
            className="form"
            validationBehavior="aria"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <TextField
              label={t('tasks.outcome')}
              description={t('tasks.outcomeHint')}
              value={outcome}
              onChange={(v) => {
                setOutcome(v);
                if (v.trim()) setError(null);
              }}
              multiline
              rows={3}
              isRequired
              autoFocus
              error={error}
            />
            <div className="form-actions">
              <Button variant="quiet" onPress={onCancel} isDisabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant="primary" isDisabled={busy}>
                <Check aria-hidden="true" size={14} /> {t('tasks.complete')}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The case's tasks: `onTask` takes each write's reply into the case file (no reload). */
export function TasksPanel({ tasks, onTask, writable }: { tasks: Task[]; onTask(written: TaskWritten): void; writable: boolean }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <EmptyState>{t('tasks.emptyCase')}</EmptyState>;
  const open = tasks.filter((x) => !x.doneAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const done = tasks.filter((x) => x.doneAt);
  return (
    <div>
      <TaskList tasks={open} onTask={onTask} writable={writable} />
      {done.length ? (
        <details className="done-tasks">
          <summary>{t('tasks.doneCount', { count: done.length })}</summary>
          <TaskList tasks={done} onTask={onTask} writable={writable} />
        </details>
      ) : null}
    </div>
  );
}
