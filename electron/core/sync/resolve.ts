/**
 * Resolving a kept conflict. The resolution is itself a message (`conflict` /
 * loser timestamp / `resolved`), so every replica marks the same row resolved. Keeping
 * the losing value also writes it to the cell as an ordinary, newer edit based on the
 * current value, so it wins everywhere without being a new conflict.
 */
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/open';
import { recomputeConflicts } from './apply';
import { withClock } from './clock';
import { applyPeopleCells } from './people';
import { isPeopleCell } from './peopleCells';
import { localDevice } from './state';
import { cellHead, insertMessage } from './store';
import type { Actor } from './sync';

export function resolveConflict(db: Db, loserTs: string, keep: 'winner' | 'loser', actor: Actor): void {
  db.transaction(() => {
    const device = localDevice(db);
    const conflict = db.prepare('SELECT tbl, row_uid AS row, col, loser_value AS value, resolved_ts AS resolved FROM sync_conflicts WHERE loser_ts = ?').get(loserTs) as
      | { tbl: string; row: string; col: string; value: string; resolved: string | null }
      | undefined;
    if (!device || !conflict || conflict.resolved !== null) throw new CodedError('sync.conflictNotFound');
    withClock(db, device, (clock) => {
      if (keep === 'loser' && conflict.tbl === 'people' && isPeopleCell(conflict.col)) {
        const base = cellHead(db, conflict.tbl, conflict.row, conflict.col);
        const timestamp = clock.send();
        insertMessage(db, device, { timestamp, tbl: conflict.tbl, row: conflict.row, col: conflict.col, value: conflict.value, base });
        applyPeopleCells(db, conflict.row, new Map([[conflict.col, JSON.parse(conflict.value) as unknown]]), new Date().toISOString());
      }
      insertMessage(db, device, { timestamp: clock.send(), tbl: 'conflict', row: loserTs, col: 'resolved', value: JSON.stringify({ by: actor.id, keep }), base: null });
    });
    recomputeConflicts(db, conflict.tbl, conflict.row, conflict.col);
    const person = db.prepare('SELECT id FROM people WHERE uid = ?').get(conflict.row) as { id: number } | undefined;
    appendAudit(db, {
      action: 'conflict.resolved',
      actorId: actor.id,
      actorName: actor.username,
      targetType: conflict.tbl === 'people' ? 'person' : conflict.tbl,
      targetId: person ? String(person.id) : null,
      details: { field: conflict.col, keep },
    });
  })();
}
