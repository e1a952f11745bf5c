/**
 * Demo attachments (issue 17): a few open demo cases get small generated files — a one-page PDF
 * (a court letter, a school report, a signed consent form) and a PNG (a sketch of the home) —
 * made here from nothing real (samples.ts), kept in the vault like any attachment (chunks, SHA-256).
 *
 * Called once, at the very end of generateDemo, with its own random stream: every id and record
 * made before (the README's example case, assessment, referral and hearing) stays as it was.
 * The example case (demoShowcase) always gets one of each, the court letter linked to its
 * hearing and the consent form to its referral; some other open cases get one or two.
 */
import { createHash } from 'node:crypto';
import { addDaysToDay, localDay, localMoment } from '../../../shared/time/localDays';
import { samplePdf, samplePng } from '../attachments/samples';
import { writeChunks, type LinkKind } from '../attachments/attachmentsRepo';
import type { Db } from '../db/open';
import { Prng } from './prng';
import { demoShowcase } from './records';

/** How many other open cases get files (besides the example case). */
const OTHER_CASES = 6;

interface DemoFile {
  fileName: string;
  kind: 'pdf' | 'png';
  bytes: Buffer;
  link: { kind: LinkKind; id: number } | null;
}

const PALETTES: Array<Array<[number, number, number]>> = [
  [[236, 239, 244], [200, 214, 229], [120, 150, 180], [86, 110, 61]],
  [[250, 240, 220], [230, 200, 160], [180, 140, 100], [90, 120, 160]],
  [[240, 244, 236], [190, 210, 180], [140, 170, 130], [200, 120, 90]],
];

const pdf = (fileName: string, lines: string[], link: DemoFile['link'] = null): DemoFile => ({ fileName, kind: 'pdf', bytes: samplePdf(lines), link });
const png = (fileName: string, rnd: Prng): DemoFile => ({ fileName, kind: 'png', bytes: samplePng(rnd.int(160, 320), rnd.int(120, 240), rnd.pick(PALETTES)), link: null });

/** Adds the demo files; returns how many. */
export function addDemoAttachments(db: Db, seed: number, now: Date): number {
  const rnd = new Prng(seed + 1_700_170);
  const showcase = demoShowcase(db);
  const open = db.prepare("SELECT id, responsible_user_id AS userId, last_intake_at AS intakeAt FROM cases WHERE status <> 'closed' ORDER BY id").all() as Array<{
    id: number;
    userId: string;
    intakeAt: string;
  }>;
  if (open.length === 0) return 0;
  const byId = new Map(open.map((c) => [c.id, c]));
  const chosen = new Set<number>();
  if (showcase) chosen.add(showcase.caseId);
  for (const c of rnd.sample(open, Math.min(open.length, OTHER_CASES + 1))) if (chosen.size < OTHER_CASES + 1) chosen.add(c.id);

  const insert = db.prepare(
    "INSERT INTO attachments (case_id, link_kind, link_id, file_name, kind, mime, size, sha256, added_by, added_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready')",
  );
  const today = localDay(now);
  let count = 0;
  db.transaction(() => {
    for (const caseId of [...chosen].sort((a, b) => a - b)) {
      const c = byId.get(caseId)!;
      const files: DemoFile[] =
        showcase && caseId === showcase.caseId
          ? [
              pdf('mahkeme-yazisi.pdf', ['T.C. Cocuk Mahkemesi', 'Durusma cagri yazisi (ornek belge)', 'Kalkan demo verisi'], showcase.hearingId ? { kind: 'hearing', id: showcase.hearingId } : null),
              pdf('onam-formu.pdf', ['Bilgi paylasimi onam formu (ornek belge)', 'Imzali', 'Kalkan demo verisi'], showcase.referralId ? { kind: 'referral', id: showcase.referralId } : null),
              png('ev-krokisi.png', rnd),
            ]
          : rnd.pick([
              [pdf('okul-raporu.pdf', ['Okul rehberlik servisi raporu (ornek belge)', 'Kalkan demo verisi'])],
              [pdf('saglik-raporu.pdf', ['Saglik raporu (ornek belge)', 'Kalkan demo verisi']), png('ev-krokisi.png', rnd)],
              [png('ev-krokisi.png', rnd)],
            ]);
      const intakeDay = localDay(new Date(c.intakeAt));
      for (const f of files) {
        // Added on a day between the intake and today (the same day for a case opened today).
        const back = rnd.int(0, 20);
        const candidate = addDaysToDay(today, -back);
        const addedAt = localMoment(candidate < intakeDay ? intakeDay : candidate, '10:00');
        // Never before the report came in, never after "now" (ISO instants compare as text).
        const nowIso = now.toISOString();
        const afterIntake = addedAt < c.intakeAt ? c.intakeAt : addedAt;
        const at = afterIntake > nowIso ? nowIso : afterIntake;
        const sha = createHash('sha256').update(f.bytes).digest('hex');
        const mime = f.kind === 'pdf' ? 'application/pdf' : 'image/png';
        const { lastInsertRowid } = insert.run(caseId, f.link?.kind ?? null, f.link?.id ?? null, f.fileName, f.kind, mime, f.bytes.length, sha, c.userId, at);
        writeChunks(db, Number(lastInsertRowid), f.bytes);
        count += 1;
      }
    }
  })();
  return count;
}
