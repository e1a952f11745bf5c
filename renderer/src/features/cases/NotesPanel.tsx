import { History, Pencil, Pin, Plus } from 'lucide-react';
import { useState } from 'react';
import { Checkbox, CheckboxGroup, Dialog, Heading, Label, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/api/contract';
import { NOTE_TYPES, type CaseFile, type NoteSummary, type NoteVersion } from '../../../../shared/api/schemas/cases';
import { localDay, localTime } from '../../../../shared/time/localDays';
import { ApiError, call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { Select } from '../../components/ui/Select';
import { formatDateTime, localMoment } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraft } from '../drafts/useDraft';
import { fieldErrorOf, formErrorOf, withoutField } from './fieldErrors';
import { personName } from './format';
import { caseWritable } from '../../../../shared/api/schemas/cases';

interface Draft {
  type: string;
  day: string;
  time: string;
  people: string[];
  others: string;
  visitRefused: boolean;
  body: string;
}

function toDraft(note?: NoteSummary): Draft {
  const d = note ? new Date(note.occurredAt) : new Date();
  return {
    type: note?.type ?? 'home_visit',
    day: localDay(d),
    time: localTime(d),
    people: (note?.present.people ?? []).map(String),
    others: note?.present.others ?? '',
    visitRefused: note?.visitRefused ?? false,
    body: note?.body ?? '',
  };
}

/** The notes timeline. Notes are evidence: an edit is a new version, and a concurrent edit is never lost. */
/** `onSaved`: the saved note (and the case's flags when it raised one) for the case file to take in. */
export function NotesPanel({ file, onSaved }: { file: CaseFile; onSaved(note: Output<'notes.add'>): void }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('case:write') && caseWritable(file.case);
  const [editing, setEditing] = useState<{ note: NoteSummary | null; draft: Draft; base?: Draft } | null>(null);
  const [conflict, setConflict] = useState<NoteSummary | null>(null);
  const [versions, setVersions] = useState<NoteVersion[] | null>(null);
  // The last refusal: an empty or wrong field shows next to it ("Required field") and goes once it is edited.
  const [error, setError] = useState<ApiError | null>(null);
  const names = new Map(file.members.map((m) => [m.person.id, personName(m.person)]));
  // The latest handover note (issue 17) is pinned on top: the first note a new caseworker reads.
  const pinned = file.handover ? file.notes.find((n) => n.id === file.handover!.noteId) : undefined;
  // The note being written is a draft of this user's until it is saved (one per case): an idle lock loses nothing.
  const base = editing ? (editing.base ?? toDraft(editing.note ?? undefined)) : null;
  const dirty = editing !== null && JSON.stringify(editing.draft) !== JSON.stringify(base);
  const draft = useDraft<{ noteId: number | null; draft: Draft }>(canWrite ? `note:${file.case.id}` : null, {
    value: { noteId: editing?.note?.id ?? null, draft: editing?.draft ?? toDraft() },
    dirty,
    route: `/cases/${file.case.id}?tab=notes`,
    onRestore: ({ noteId, draft: values }) => {
      const note = noteId === null ? null : file.notes.find((n) => n.id === noteId);
      if (note !== undefined) setEditing({ note, draft: values, base: toDraft(note ?? undefined) });
    },
  });
  const startEditing = (note: NoteSummary | null) => {
    const values = toDraft(note ?? undefined);
    setEditing({ note, draft: values, base: values });
  };

  const save = async () => {
    if (!editing) return;
    const d = editing.draft;
    const fields = {
      type: d.type as (typeof NOTE_TYPES)[number],
      occurredAt: d.day ? localMoment(d.day, d.time) : '',
      present: { people: d.people.map(Number), users: [], others: d.others || null },
      visitRefused: d.type === 'home_visit' && d.visitRefused,
      body: d.body,
    };
    setError(null);
    try {
      const saved = editing.note
        ? await call('notes.edit', { noteId: editing.note.id, expectedVersion: conflict?.version ?? editing.note.version, ...fields })
        : await call('notes.add', { caseId: file.case.id, ...fields });
      await draft.clear();
      setEditing(null);
      setConflict(null);
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.error.code === 'notes.conflict' && editing.note) {
        // Someone saved meanwhile: show their text beside ours; ours stays in the form.
        const all = await call('notes.versions', { noteId: editing.note.id });
        // The newest version (the list comes newest first; take the highest number, whatever the order).
        const latest = all.reduce<(typeof all)[number] | undefined>((newest, v) => (!newest || v.version > newest.version ? v : newest), undefined);
        if (latest) setConflict({ ...editing.note, ...latest, versionCount: all.length });
      }
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal' }));
    }
  };

  const showVersions = async (note: NoteSummary) => setVersions(await call('notes.versions', { noteId: note.id }));
  // Notes a transfer from another office appended (issue 17): marked with where they came from.
  const transfers = useCall('transfers.forCase', { caseId: file.case.id });
  const transferredFrom = new Map((transfers.data?.received ?? []).flatMap((r) => r.noteIds.map((id) => [id, r.sender.office || r.sender.fingerprint] as const)));

  return (
    <div>
      {canWrite ? (
        <div className="form-actions form-actions-start">
          <Button variant="primary" onPress={() => startEditing(null)}>
            <Plus aria-hidden="true" size={16} /> {t('notes.add')}
          </Button>
        </div>
      ) : null}
      {pinned && file.handover ? (
        <section className="note note-pinned" aria-label={t('handover.pinned', { from: file.handover.from.displayName, to: file.handover.to.displayName })}>
          <div className="note-head">
            <Pin aria-hidden="true" size={14} />
            <strong>{t('handover.pinned', { from: file.handover.from.displayName, to: file.handover.to.displayName })}</strong>
            <span className="hint">
              {formatDateTime(pinned.occurredAt, i18n.language)} · {pinned.createdBy.displayName}
            </span>
          </div>
          <p className="prewrap">{pinned.body}</p>
        </section>
      ) : null}
      {file.notes.length === 0 ? (
        <EmptyState>{t(canWrite ? 'notes.empty' : 'notes.emptyReadOnly')}</EmptyState>
      ) : (
        <ol className="notes-timeline">
          {file.notes.filter((note) => note !== pinned).map((note) => (
            <li key={note.id} className="note">
              <div className="note-head">
                <span className="tag">{t(`notes.type.${note.type}`)}</span>
                <strong>{formatDateTime(note.occurredAt, i18n.language)}</strong>
                <span className="hint">{note.createdBy.displayName}</span>
                {note.visitRefused ? <span className="tag tag-warning">{t('notes.visitRefused')}</span> : null}
                {transferredFrom.has(note.id) ? <span className="tag">{t('transfers.fromTag', { office: transferredFrom.get(note.id) })}</span> : null}
                {note.versionCount > 1 ? (
                  <Button variant="quiet" onPress={() => void showVersions(note)}>
                    <History aria-hidden="true" size={14} /> {t('notes.versions', { count: note.versionCount })}
                  </Button>
                ) : null}
                {canWrite ? (
                  <Button variant="quiet" onPress={() => startEditing(note)} aria-label={t('notes.editOf', { date: formatDateTime(note.occurredAt, i18n.language) })}>
                    <Pencil aria-hidden="true" size={14} /> {t('common.edit')}
                  </Button>
                ) : null}
              </div>
              {note.present.people.length || note.present.others ? (
                <div className="hint">
                  {t('notes.present')}: {[...note.present.people.map((id) => names.get(id) ?? '?'), note.present.others].filter(Boolean).join(', ')}
                </div>
              ) : null}
              <p className="prewrap">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      {file.notesTotal > file.notes.length ? <p className="hint">{t('notes.more', { shown: file.notes.length, total: file.notesTotal })}</p> : null}

      <ModalOverlay className="modal-overlay" isOpen={editing !== null} onOpenChange={(open) => !open && (setEditing(null), setConflict(null), setError(null))} isDismissable={!dirty} isKeyboardDismissDisabled={dirty}>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            <Heading slot="title">{editing?.note ? t('notes.edit') : t('notes.add')}</Heading>
            {editing ? (
              <div className="form">
                <DraftNotice
                  restoredAt={draft.restoredAt}
                  onDiscard={() => {
                    void draft.clear();
                    setEditing(null);
                  }}
                />
                <div className="grid-fields">
                  <Select label={t('notes.typeLabel')} value={editing.draft.type} onChange={(type) => setEditing({ ...editing, draft: { ...editing.draft, type } })} options={NOTE_TYPES.map((n) => ({ id: n, label: t(`notes.type.${n}`) }))} />
                  <DateInput
                    label={t('notes.day')}
                    value={editing.draft.day}
                    onChange={(day) => {
                      setError((e) => withoutField(e, 'occurredAt'));
                      setEditing({ ...editing, draft: { ...editing.draft, day } });
                    }}
                    isRequired
                    error={fieldErrorOf(t, error, 'occurredAt')}
                  />
                  <TextField
                    label={t('notes.time')}
                    value={editing.draft.time}
                    onChange={(time) => {
                      setError((e) => withoutField(e, 'occurredAt'));
                      setEditing({ ...editing, draft: { ...editing.draft, time } });
                    }}
                  />
                </div>
                <CheckboxGroup value={editing.draft.people} onChange={(people) => setEditing({ ...editing, draft: { ...editing.draft, people } })} className="checkbox-group">
                  <Label className="field-label">{t('notes.present')}</Label>
                  <div className="concern-options">
                    {file.members.map((m) => (
                      <Checkbox key={m.person.id} value={String(m.person.id)} className="checkbox">
                        <span className="checkbox-box" aria-hidden="true" />
                        {personName(m.person)}
                      </Checkbox>
                    ))}
                  </div>
                </CheckboxGroup>
                <TextField label={t('notes.others')} value={editing.draft.others} onChange={(others) => setEditing({ ...editing, draft: { ...editing.draft, others } })} />
                {editing.draft.type === 'home_visit' ? (
                  <Checkbox className="checkbox" isSelected={editing.draft.visitRefused} onChange={(visitRefused) => setEditing({ ...editing, draft: { ...editing.draft, visitRefused } })}>
                    <span className="checkbox-box" aria-hidden="true" />
                    {t('notes.visitRefusedLabel')}
                  </Checkbox>
                ) : null}
                {conflict ? (
                  <div className="conflict">
                    <Alert tone="warning">{t('notes.conflictHelp', { name: conflict.editedBy.displayName })}</Alert>
                    <div className="panel">
                      <h3>{t('notes.theirVersion', { name: conflict.editedBy.displayName })}</h3>
                      <p className="prewrap">{conflict.body}</p>
                    </div>
                  </div>
                ) : null}
                <TextField
                  label={conflict ? t('notes.yourVersion') : t('notes.body')}
                  multiline
                  rows={8}
                  value={editing.draft.body}
                  onChange={(body) => {
                    setError((e) => withoutField(e, 'body'));
                    setEditing({ ...editing, draft: { ...editing.draft, body } });
                  }}
                  isRequired
                  error={fieldErrorOf(t, error, 'body')}
                />
                {error ? <Alert tone="error">{formErrorOf(t, error)}</Alert> : null}
                <div className="form-actions">
                  <Button variant="quiet" onPress={() => setEditing(null)}>
                    {t('common.cancel')}
                  </Button>
                  <Button variant="primary" onPress={() => void save()} isDisabled={!editing.draft.body.trim()}>
                    {conflict ? t('notes.saveAnyway') : t('common.save')}
                  </Button>
                </div>
              </div>
            ) : null}
          </Dialog>
        </Modal>
      </ModalOverlay>

      <ModalOverlay className="modal-overlay" isOpen={versions !== null} onOpenChange={(open) => !open && setVersions(null)} isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            <Heading slot="title">{t('notes.versionsTitle')}</Heading>
            <ol className="notes-timeline">
              {(versions ?? []).map((v) => (
                <li key={v.version} className="note">
                  <div className="note-head">
                    <span className="tag">v{v.version}</span>
                    <span>{formatDateTime(v.editedAt, i18n.language)}</span>
                    <span className="hint">{v.editedBy.displayName}</span>
                  </div>
                  <p className="prewrap">{v.body}</p>
                </li>
              ))}
            </ol>
            <div className="form-actions">
              <Button onPress={() => setVersions(null)}>{t('common.close')}</Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}
