import type { Migration } from './index';

/**
 * Risk tool 1.1.0: an assessment records the domains looked at with nothing
 * found ("screened"), a JSON array of domain ids. Assessments recorded before
 * this migration keep NULL: it was not asked then, and they stay readable.
 */
export const m007AssessmentScreened: Migration = {
  version: 7,
  name: 'assessment-screened',
  up(db) {
    db.exec(`ALTER TABLE assessments ADD COLUMN screened TEXT;`);
  },
};
