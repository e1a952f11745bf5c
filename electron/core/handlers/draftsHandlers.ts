/**
 * Drafts are the user's own scratch copy of a form: no audit row per keystroke
 * (the saved form is audited when it is saved), each write in a transaction.
 */
import { deleteDraft, getDraft, listDrafts, saveDraft } from '../drafts/draftsRepo';
import type { Handlers } from '../router';

export const draftsHandlers = {
  'drafts.save': ({ services, session }, input) => {
    const db = services.vault.database;
    const updatedAt = db.transaction(() => saveDraft(db, session!.userId, input, services.now()))();
    return { updatedAt };
  },
  'drafts.get': ({ services, session }, input) => getDraft(services.vault.database, session!.userId, input.key),
  'drafts.delete': ({ services, session }, input) => {
    const db = services.vault.database;
    db.transaction(() => deleteDraft(db, session!.userId, input.key))();
    return {};
  },
  'drafts.list': ({ services, session }) => listDrafts(services.vault.database, session!.userId),
} satisfies Partial<Handlers>;
