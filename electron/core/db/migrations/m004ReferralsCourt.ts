/**
 * Migration 4 — referrals and court (issue 7).
 *
 * - `institutions`: the directory the unit refers to, seeded from seed 000's
 *   list (the institutions the Istanbul unit reports to and refers to) plus
 *   generic Istanbul courts, prosecutor, police, health and education entries.
 *   Editable; seeded rows keep a stable `code` so statistics can name them.
 * - `referrals` with `referral_history`: a referral of a case (or one member)
 *   to an institution, for named services, with urgency, the consent obtained
 *   or the legal ground, exactly which sections are shared, its state
 *   (draft → sent → acknowledged → service_started → closed / declined), each
 *   state change dated in the history, the reply due day and the reply slip.
 * - `court_hearings`, `court_orders` with `court_order_updates`: Child
 *   Protection Court hearings and the orders made (seed 003's shelter, medical
 *   examination, physical therapy, psychological counselling, and the 5395
 *   measures), each order's compliance with dated updates.
 *
 * Free text (reasons, outcomes, notes) is case data and lives only here, never
 * in the audit log.
 */
import { fold, sortKey } from '../../../../shared/text/turkish';
import type { Migration } from './index';

const check = (column: string, values: readonly string[]) => `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

export const INSTITUTION_TYPE_CODES = [
  'psychological_counselling_centre',
  'womens_counselling_unit',
  'directorate_disabled',
  'isadem',
  'employment_office',
  'child_monitoring_centre',
  'family_social_services_directorate',
  'court',
  'prosecutor',
  'school',
  'hospital',
  'police',
  'municipality_unit',
  'ngo',
  'other',
] as const;

export interface SeedInstitution {
  code: string;
  name: string;
  type: (typeof INSTITUTION_TYPE_CODES)[number];
  address?: string;
  phone?: string;
  /** Service lookup codes (m002 SEED_SERVICES) or free text. */
  services: string[];
}

/**
 * Seed 000: "referrals to IMM and other public institutions … Reports were made
 * to the Child Monitoring Centers within the Provincial Directorate of Family
 * and Social Services, Child Branch Directorate, District Governorates,
 * district municipalities and Provincial Health Directorate … services from
 * the Psychological Counseling Center, the Women's Counseling Unit, the IMM
 * Directorate for the Disabled, IADEMs [İSADEM] and the Employment Offices …
 * registered with our Home Istanbul Children's Activity Centers."
 * Names are the institutions' Turkish names. Addresses and phones are left
 * for the office to fill in (they differ by district).
 */
export const SEED_INSTITUTIONS: readonly SeedInstitution[] = [
  { code: 'ibb_psychological_counselling_centre', name: 'İBB Psikolojik Danışma Merkezi', type: 'psychological_counselling_centre', services: ['individual_counselling', 'psychotherapy', 'family_counselling', 'group_counselling'] },
  { code: 'ibb_womens_counselling_unit', name: 'İBB Kadın Danışma Birimi', type: 'womens_counselling_unit', services: ['individual_counselling', 'legal_counselling', 'psychoeducation'] },
  { code: 'ibb_directorate_disabled', name: 'İBB Engelliler Müdürlüğü', type: 'directorate_disabled', services: ['developmental_assessment', 'training', 'Engelli bakım ve rehabilitasyon desteği'] },
  { code: 'isadem', name: 'İstanbul Aile Danışmanlık ve Eğitim Merkezi (İSADEM)', type: 'isadem', services: ['family_counselling', 'psychoeducation', 'training'] },
  { code: 'ibb_employment_office', name: 'İBB İstihdam Ofisleri', type: 'employment_office', services: ['İş arama desteği', 'Mesleki eğitim'] },
  { code: 'iskur_istanbul', name: 'İŞKUR İstanbul Çalışma ve İş Kurumu İl Müdürlüğü', type: 'employment_office', services: ['İş ve meslek danışmanlığı', 'İşgücü uyum programları'] },
  { code: 'child_monitoring_centre', name: 'Çocuk İzlem Merkezi (ÇİM)', type: 'child_monitoring_centre', services: ['Adli görüşme', 'Tıbbi muayene', 'social_examination'] },
  { code: 'istanbul_family_social_services', name: 'İstanbul Aile ve Sosyal Hizmetler İl Müdürlüğü', type: 'family_social_services_directorate', services: ['social_examination', 'Koruyucu ve destekleyici tedbir', 'Koruma altına alma', 'Sosyal ve ekonomik destek (SED)'] },
  { code: 'district_governorates', name: 'İlçe Kaymakamlıkları (Sosyal Yardımlaşma ve Dayanışma Vakıfları)', type: 'other', services: ['Sosyal yardım'] },
  { code: 'district_municipalities', name: 'İlçe belediyeleri (sosyal destek hizmetleri)', type: 'municipality_unit', services: ['Sosyal yardım', 'training'] },
  { code: 'istanbul_health_directorate', name: 'İstanbul İl Sağlık Müdürlüğü', type: 'hospital', services: ['Sağlık taraması', 'Ruh sağlığı hizmetleri'] },
  { code: 'yuvamiz_istanbul', name: 'Yuvamız İstanbul Çocuk Etkinlik Merkezleri', type: 'municipality_unit', services: ['training', 'Okul öncesi eğitim ve etkinlik'] },
  // Generic Istanbul entries the unit deals with (courts, prosecution, police, health, schools).
  { code: 'istanbul_child_court', name: 'İstanbul Çocuk Mahkemesi (Çağlayan Adliyesi)', type: 'court', services: ['Koruyucu ve destekleyici tedbir kararı (5395)'] },
  { code: 'istanbul_anadolu_child_court', name: 'İstanbul Anadolu Çocuk Mahkemesi (Kartal Adliyesi)', type: 'court', services: ['Koruyucu ve destekleyici tedbir kararı (5395)'] },
  { code: 'istanbul_bakirkoy_child_court', name: 'İstanbul Bakırköy Çocuk Mahkemesi', type: 'court', services: ['Koruyucu ve destekleyici tedbir kararı (5395)'] },
  { code: 'istanbul_family_court', name: 'İstanbul Aile Mahkemesi', type: 'court', services: ['Koruma kararı (6284)', 'Velayet ve kişisel ilişki'] },
  { code: 'istanbul_prosecutor_child_bureau', name: 'İstanbul Cumhuriyet Başsavcılığı Çocuk Soruşturma Bürosu', type: 'prosecutor', services: ['Suç duyurusu', 'Soruşturma'] },
  { code: 'istanbul_anadolu_prosecutor', name: 'İstanbul Anadolu Cumhuriyet Başsavcılığı', type: 'prosecutor', services: ['Suç duyurusu', 'Soruşturma'] },
  { code: 'istanbul_police_child_branch', name: 'İstanbul Emniyet Müdürlüğü Çocuk Şube Müdürlüğü', type: 'police', services: ['Çocuğun korunması için acil müdahale', 'İfade alma'] },
  { code: 'hospital_child_psychiatry', name: 'Devlet hastanesi – Çocuk ve Ergen Ruh Sağlığı Polikliniği', type: 'hospital', services: ['Psikiyatrik değerlendirme', 'psychotherapy', 'Tıbbi muayene'] },
  { code: 'istanbul_education_directorate', name: 'İstanbul İl Millî Eğitim Müdürlüğü', type: 'school', services: ['Okula kayıt ve devam', 'Rehberlik ve Araştırma Merkezi (RAM) değerlendirmesi'] },
];

export const m004ReferralsCourt: Migration = {
  version: 4,
  name: 'referrals and court',
  up(db) {
    db.exec(`
      CREATE TABLE institutions (
        id              INTEGER PRIMARY KEY,
        code            TEXT UNIQUE,                      -- stable code of a seeded entry; NULL for the office's own
        name            TEXT NOT NULL,
        name_folded     TEXT NOT NULL,                    -- shared/text/turkish fold(), for search
        sort_key        TEXT NOT NULL,                    -- shared/text/turkish sortKey(), for ORDER BY
        type            TEXT NOT NULL ${check('type', INSTITUTION_TYPE_CODES)},
        address         TEXT,
        phone           TEXT,
        email           TEXT,
        contact_person  TEXT,
        services        TEXT NOT NULL DEFAULT '[]',       -- JSON array: service lookup codes or free text
        active          INTEGER NOT NULL DEFAULT 1,
        version         INTEGER NOT NULL DEFAULT 1,
        created_at      TEXT NOT NULL,
        created_by      TEXT REFERENCES users(id),
        updated_at      TEXT NOT NULL,
        updated_by      TEXT REFERENCES users(id)
      ) STRICT;
      CREATE INDEX institutions_sort ON institutions(active, sort_key);
      CREATE INDEX institutions_type ON institutions(type, sort_key);

      CREATE TABLE referrals (
        id                        INTEGER PRIMARY KEY,
        case_id                   INTEGER NOT NULL REFERENCES cases(id),
        person_id                 INTEGER REFERENCES people(id),      -- the child / person referred; NULL = the household
        institution_id            INTEGER NOT NULL REFERENCES institutions(id),
        services                  TEXT NOT NULL DEFAULT '[]',         -- JSON array of service lookup codes
        services_other            TEXT,                               -- services asked for in free text
        urgency                   TEXT NOT NULL ${check('urgency', ['routine', 'priority', 'urgent'])},
        reason                    TEXT NOT NULL,
        consent_person_id         INTEGER REFERENCES people(id),      -- consent given by a member of the case …
        consent_name              TEXT,                               -- … or by someone named here
        consent_method            TEXT ${check('consent_method', ['written', 'verbal'])},
        consent_on                TEXT,                               -- YYYY-MM-DD
        legal_ground              TEXT,                               -- when consent is not possible
        shared_sections           TEXT NOT NULL DEFAULT '[]',         -- JSON array of section codes the user picked
        shared_note_ids           TEXT NOT NULL DEFAULT '[]',         -- JSON array: the notes picked when 'notes' is shared
        state                     TEXT NOT NULL ${check('state', ['draft', 'sent', 'acknowledged', 'service_started', 'closed', 'declined'])},
        sent_on                   TEXT,
        reply_due_on              TEXT,
        acknowledged_on           TEXT,
        service_started_on        TEXT,
        ended_on                  TEXT,                               -- closed or declined on
        outcome                   TEXT,                               -- closing outcome
        decline_reason            TEXT,
        reply_received_on         TEXT,                               -- the reply slip
        reply_service_started_on  TEXT,
        reply_contact_person      TEXT,
        reply_outcome             TEXT,
        reply_recorded_at         TEXT,
        reply_recorded_by         TEXT REFERENCES users(id),
        version                   INTEGER NOT NULL DEFAULT 1,
        created_at                TEXT NOT NULL,
        created_by                TEXT NOT NULL REFERENCES users(id),
        updated_at                TEXT NOT NULL,
        updated_by                TEXT NOT NULL REFERENCES users(id),
        CHECK (state = 'draft' OR (sent_on IS NOT NULL AND reply_due_on IS NOT NULL)),
        CHECK (state = 'draft' OR legal_ground IS NOT NULL
               OR (consent_method IS NOT NULL AND consent_on IS NOT NULL AND (consent_person_id IS NOT NULL OR consent_name IS NOT NULL)))
      ) STRICT;
      CREATE INDEX referrals_case ON referrals(case_id, created_at);
      CREATE INDEX referrals_state ON referrals(state, reply_due_on);
      CREATE INDEX referrals_institution ON referrals(institution_id, sent_on);

      CREATE TABLE referral_history (
        id           INTEGER PRIMARY KEY,
        referral_id  INTEGER NOT NULL REFERENCES referrals(id),
        from_state   TEXT,
        to_state     TEXT NOT NULL,
        on_day       TEXT NOT NULL,                   -- the day it happened (YYYY-MM-DD, as the user dates it)
        note         TEXT,
        at           TEXT NOT NULL,                   -- when it was recorded
        by_user_id   TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX referral_history_referral ON referral_history(referral_id, id);
      CREATE TRIGGER referral_history_no_update BEFORE UPDATE ON referral_history
        BEGIN SELECT RAISE(ABORT, 'referral history is kept as written'); END;
      CREATE TRIGGER referral_history_no_delete BEFORE DELETE ON referral_history
        BEGIN SELECT RAISE(ABORT, 'referral history is kept as written'); END;

      CREATE TABLE court_hearings (
        id                    INTEGER PRIMARY KEY,
        case_id               INTEGER NOT NULL REFERENCES cases(id),
        court_name            TEXT NOT NULL,
        court_institution_id  INTEGER REFERENCES institutions(id),
        file_number           TEXT,                   -- esas no
        hearing_at            TEXT NOT NULL,          -- UTC ISO
        judge                 TEXT,
        to_bring              TEXT,                   -- what to bring
        status                TEXT NOT NULL DEFAULT 'scheduled' ${check('status', ['scheduled', 'held', 'postponed', 'cancelled'])},
        outcome               TEXT,
        version               INTEGER NOT NULL DEFAULT 1,
        created_at            TEXT NOT NULL,
        created_by            TEXT NOT NULL REFERENCES users(id),
        updated_at            TEXT NOT NULL,
        updated_by            TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX court_hearings_case ON court_hearings(case_id, hearing_at);
      CREATE INDEX court_hearings_upcoming ON court_hearings(hearing_at) WHERE status = 'scheduled';

      CREATE TABLE court_orders (
        id                          INTEGER PRIMARY KEY,
        case_id                     INTEGER NOT NULL REFERENCES cases(id),
        hearing_id                  INTEGER REFERENCES court_hearings(id),
        person_id                   INTEGER REFERENCES people(id),   -- the child the order is about; NULL = the household
        kind                        TEXT NOT NULL ${check('kind', [
          'shelter',
          'medical_examination',
          'physical_therapy',
          'psychological_counselling_individual',
          'psychological_counselling_group',
          'psychological_counselling_family',
          'education',
          'health_measure',
          'care_measure',
          'counselling_measure',
          'other',
        ])},
        description                 TEXT,
        ordered_on                  TEXT NOT NULL,
        responsible_institution_id  INTEGER REFERENCES institutions(id),
        responsible_user_id         TEXT REFERENCES users(id),
        due_on                      TEXT,
        compliance                  TEXT NOT NULL DEFAULT 'pending' ${check('compliance', ['pending', 'in_progress', 'complied', 'not_complied'])},
        version                     INTEGER NOT NULL DEFAULT 1,
        created_at                  TEXT NOT NULL,
        created_by                  TEXT NOT NULL REFERENCES users(id),
        updated_at                  TEXT NOT NULL,
        updated_by                  TEXT NOT NULL REFERENCES users(id),
        CHECK ((responsible_institution_id IS NULL) <> (responsible_user_id IS NULL))
      ) STRICT;
      CREATE INDEX court_orders_case ON court_orders(case_id, ordered_on);
      CREATE INDEX court_orders_open ON court_orders(due_on) WHERE compliance IN ('pending', 'in_progress');
      CREATE INDEX court_orders_kind ON court_orders(kind, ordered_on);

      CREATE TABLE court_order_updates (
        id          INTEGER PRIMARY KEY,
        order_id    INTEGER NOT NULL REFERENCES court_orders(id),
        from_status TEXT,
        to_status   TEXT NOT NULL,
        on_day      TEXT NOT NULL,
        note        TEXT,
        at          TEXT NOT NULL,
        by_user_id  TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX court_order_updates_order ON court_order_updates(order_id, id);
      CREATE TRIGGER court_order_updates_no_update BEFORE UPDATE ON court_order_updates
        BEGIN SELECT RAISE(ABORT, 'compliance updates are kept as written'); END;
      CREATE TRIGGER court_order_updates_no_delete BEFORE DELETE ON court_order_updates
        BEGIN SELECT RAISE(ABORT, 'compliance updates are kept as written'); END;
    `);

    // Folded name and sort key by the same helpers the repo uses (a change to them needs a re-key migration anyway).
    const now = new Date().toISOString();
    const insert = db.prepare(
      `INSERT INTO institutions (code, name, name_folded, sort_key, type, address, phone, services, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    for (const i of SEED_INSTITUTIONS) {
      insert.run(i.code, i.name, fold(i.name), sortKey(i.name), i.type, i.address ?? null, i.phone ?? null, JSON.stringify(i.services), now, now);
    }
  },
};
