import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { SearchPicker } from '../../components/ui/SearchPicker';
import { formatDate } from '../../i18n/format';
import { withAction, withGoal, type FileChange } from './caseFileUpdates';
import { useCan, useCurrentSession } from '../auth/SessionContext';
import { caseWritable } from '../../../../shared/api/schemas/cases';

const changedGoal =
  (goal: Parameters<typeof withGoal>[1]): FileChange =>
  (f) =>
    withGoal(f, goal);
const changedAction =
  (action: Parameters<typeof withAction>[1]): FileChange =>
  (f) =>
    withAction(f, action);

/** The case plan: goals, and for each the actions with who does them by when (they become tasks). */
/** `onChange`: the change to the case file, made from each write's reply (no reload). */
export function PlanPanel({ file, onChange }: { file: CaseFile; onChange(change: FileChange): void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentSession().user;
  const canWrite = useCan('case:write') && caseWritable(file.case);
  const staff = useCall('cases.staff', {});
  const [goal, setGoal] = useState('');
  const [actions, setActions] = useState<Record<number, { title: string; responsible: string; dueOn: string }>>({});
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<FileChange>) => {
    setError(null);
    try {
      onChange(await work());
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  const staffOptions = (staff.data ?? []).filter((s) => !s.disabled).map((s) => ({ id: s.id, label: s.displayName }));

  return (
    <div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {file.plan.length === 0 ? <EmptyState>{t(canWrite ? 'plan.empty' : 'plan.emptyReadOnly')}</EmptyState> : null}
      {file.plan.map((g) => {
        const draft = actions[g.id] ?? { title: '', responsible: me.id, dueOn: '' };
        return (
          <div key={g.id} className="panel">
            <div className="panel-head">
              <h2>{g.title}</h2>
              <span className="tag">{t(`plan.goalStatus.${g.status}`)}</span>
            </div>
            {g.description ? <p className="prewrap">{g.description}</p> : null}
            <ul className="task-list">
              {g.actions.map((a) => (
                <li key={a.id} className={`task ${a.status !== 'open' ? 'task-done' : ''}`}>
                  <div className="task-main">
                    <span className="task-title">{a.title}</span>
                    <div className="hint">
                      {a.responsible.displayName}
                      {a.dueOn ? ` · ${t('plan.dueOn', { date: formatDate(a.dueOn, i18n.language) })}` : ''} · {t(`plan.actionStatus.${a.status}`)}
                    </div>
                  </div>
                  {canWrite && a.status === 'open' ? (
                    <Button onPress={() => void run(async () => changedAction(await call('plan.updateAction', { actionId: a.id, status: 'done' })))} aria-label={t('plan.markDoneOf', { title: a.title })}>
                      {t('plan.markDone')}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            {canWrite && g.status === 'open' ? (
              <div className="inline-form">
                <TextField label={t('plan.newAction')} value={draft.title} onChange={(title) => setActions({ ...actions, [g.id]: { ...draft, title } })} />
                <SearchPicker label={t('plan.responsible')} value={draft.responsible} onChange={(responsible) => responsible !== null && setActions({ ...actions, [g.id]: { ...draft, responsible } })} options={staffOptions} />
                <DateInput label={t('plan.due')} value={draft.dueOn} onChange={(dueOn) => setActions({ ...actions, [g.id]: { ...draft, dueOn } })} />
                <Button
                  isDisabled={!draft.title.trim()}
                  onPress={() =>
                    void run(async () => {
                      const action = await call('plan.addAction', { goalId: g.id, title: draft.title, responsibleUserId: draft.responsible, ...(draft.dueOn ? { dueOn: draft.dueOn } : {}) });
                      setActions({ ...actions, [g.id]: { title: '', responsible: me.id, dueOn: '' } });
                      return changedAction(action);
                    })
                  }
                >
                  {t('plan.addAction')}
                </Button>
                <Button variant="quiet" onPress={() => void run(async () => changedGoal(await call('plan.updateGoal', { goalId: g.id, status: 'achieved' })))}>
                  {t('plan.goalAchieved')}
                </Button>
              </div>
            ) : null}
          </div>
        );
      })}
      {canWrite ? (
        <div className="panel">
          <div className="inline-form">
            <TextField label={t('plan.newGoal')} value={goal} onChange={setGoal} />
            <Button
              variant="primary"
              isDisabled={!goal.trim()}
              onPress={() =>
                void run(async () => {
                  const added = await call('plan.addGoal', { caseId: file.case.id, title: goal });
                  setGoal('');
                  return changedGoal(added);
                })
              }
            >
              {t('plan.addGoal')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
