/**
 * The case file updated from a write's reply (issue 12): a saved note or an added
 * service goes into the loaded file in place, so the page does not load the whole
 * file again (and the audit log gets no second `case.viewed` row).
 */
import type { Output } from '../../../../shared/api/contract';
import type { CaseFile, NoteSummary, ServiceRecord } from '../../../../shared/api/schemas/cases';

/** The order of the file's notes: `occurred_at DESC, id DESC` (notesRepo.listNotes). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const noteOrder = (a: NoteSummary, b: NoteSummary): number => byText(b.occurredAt, a.occurredAt) || b.id - a.id;

/** A note added or edited: replaced by id or inserted in order; the flags when the note raised one. */
export function withNote(file: CaseFile, written: Output<'notes.add'>): CaseFile {
  const { caseFlags, ...note } = written;
  const known = file.notes.some((n) => n.id === note.id);
  const notes = known ? file.notes.map((n) => (n.id === note.id ? note : n)) : [...file.notes, note];
  return {
    ...file,
    notes: notes.sort(noteOrder),
    notesTotal: known ? file.notesTotal : file.notesTotal + 1,
    ...(caseFlags ? { flags: caseFlags } : {}),
  };
}

/** The order of the file's services: `delivered_on DESC, id DESC` (servicesRepo.listServices). */
export function withService(file: CaseFile, service: ServiceRecord): CaseFile {
  const services = [...file.services.filter((s) => s.id !== service.id), service];
  services.sort((a, b) => byText(b.deliveredOn, a.deliveredOn) || b.id - a.id);
  return { ...file, services };
}
