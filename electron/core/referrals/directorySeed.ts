/**
 * The seeded directory follows the office's province (issue 14). An İstanbul
 * office keeps seed 000's İstanbul institutions (migration 4); any other office
 * gets the national institutions every province has, named for its province
 * (Aile ve Sosyal Hizmetler İl Müdürlüğü, aile and çocuk mahkemesi, Cumhuriyet
 * Başsavcılığı, the police's child bureau, ÇİM, health and education
 * directorates …), with empty contact fields for the office to fill in.
 *
 * Applied at set-up and whenever an admin changes the office's province. A
 * seeded entry (it has a `code`) that belongs to another province's set is
 * deleted when nothing refers to it and nobody has edited it, and otherwise
 * made inactive (referrals and orders keep naming it). The office's own
 * entries (no code) are never touched. Runs inside the caller's transaction.
 */
import { CodedError } from '../../../shared/api/envelope';
import { findProvince, ISTANBUL } from '../../../shared/geo/provinces';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { SEED_INSTITUTIONS, type SeedInstitution } from '../db/migrations/m004ReferralsCourt';
import { deactivateInstitution, deleteInstitution, insertSeedInstitution, institutionInUse, institutionNamed, seededInstitutionRows } from './institutionsRepo';

/** Seed entries any province's office deals with under the same name. */
const EVERYWHERE = new Set(['district_governorates', 'district_municipalities']);

/** One of the 81 provinces, as written ("ankara" → "Ankara"); null for none; 'office.unknownProvince' otherwise. */
export function canonicalProvince(name: string | null | undefined): string | null {
  if (!name?.trim()) return null;
  const province = findProvince(name);
  if (!province) throw new CodedError('office.unknownProvince', { field: 'province' });
  return province.name;
}

/** The national institutions of a province, named for it; codes `p<plate>.<what>`. */
export function provinceInstitutions(provinceName: string): SeedInstitution[] {
  const province = findProvince(provinceName);
  const name = province?.name ?? provinceName.trim();
  const prefix = `p${province?.code ?? fold(name).replace(/\s+/g, '_')}.`;
  const entry = (what: string, title: string, type: SeedInstitution['type'], services: string[]): SeedInstitution => ({ code: prefix + what, name: title, type, services });
  return [
    entry('family_social_services', `${name} Aile ve Sosyal Hizmetler İl Müdürlüğü`, 'family_social_services_directorate', [
      'social_examination',
      'Koruyucu ve destekleyici tedbir',
      'Koruma altına alma',
      'Sosyal ve ekonomik destek (SED)',
    ]),
    entry('child_monitoring_centre', `${name} Çocuk İzlem Merkezi (ÇİM)`, 'child_monitoring_centre', ['Adli görüşme', 'Tıbbi muayene', 'social_examination']),
    entry('family_court', `${name} Aile Mahkemesi`, 'court', ['Koruma kararı (6284)', 'Velayet ve kişisel ilişki']),
    entry('child_court', `${name} Çocuk Mahkemesi`, 'court', ['Koruyucu ve destekleyici tedbir kararı (5395)']),
    entry('prosecutor', `${name} Cumhuriyet Başsavcılığı`, 'prosecutor', ['Suç duyurusu', 'Soruşturma']),
    entry('police_child_bureau', `${name} Emniyet Müdürlüğü Çocuk Şube Müdürlüğü (Çocuk Bürosu)`, 'police', ['Çocuğun korunması için acil müdahale', 'İfade alma']),
    entry('health_directorate', `${name} İl Sağlık Müdürlüğü`, 'hospital', ['Sağlık taraması', 'Ruh sağlığı hizmetleri']),
    entry('state_hospital', `${name} Devlet Hastanesi – Çocuk ve Ergen Ruh Sağlığı Polikliniği`, 'hospital', ['Psikiyatrik değerlendirme', 'psychotherapy', 'Tıbbi muayene']),
    entry('education_directorate', `${name} İl Millî Eğitim Müdürlüğü`, 'school', ['Okula kayıt ve devam']),
    entry('guidance_centre', `${name} Rehberlik ve Araştırma Merkezi (RAM)`, 'school', ['Rehberlik ve Araştırma Merkezi (RAM) değerlendirmesi', 'developmental_assessment']),
    entry('employment_office', `İŞKUR ${name} Çalışma ve İş Kurumu İl Müdürlüğü`, 'employment_office', ['İş ve meslek danışmanlığı', 'İşgücü uyum programları']),
    ...SEED_INSTITUTIONS.filter((i) => EVERYWHERE.has(i.code)),
  ];
}

/** The seeded set for an office in this province (İstanbul, or no province yet: seed 000's list). */
export function seedSetFor(province: string | null | undefined): readonly SeedInstitution[] {
  if (!province?.trim() || findProvince(province)?.name === ISTANBUL) return SEED_INSTITUTIONS;
  return provinceInstitutions(province);
}

/** Brings the directory's seeded entries in line with the province; returns what changed. */
export function applyProvinceDirectory(db: Db, province: string | null | undefined, now: string): { added: number; removed: number; deactivated: number } {
  const wanted = seedSetFor(province);
  const wantedCodes = new Set(wanted.map((i) => i.code));
  const seeded = seededInstitutionRows(db);
  let removed = 0;
  let deactivated = 0;
  for (const row of seeded) {
    if (wantedCodes.has(row.code)) continue;
    if (!institutionInUse(db, row.id) && row.version === 1) {
      deleteInstitution(db, row.id);
      removed += 1;
    } else if (row.active === 1) {
      deactivateInstitution(db, row.id, now);
      deactivated += 1;
    }
  }
  const have = new Set(seededInstitutionRows(db).map((r) => r.code));
  let added = 0;
  for (const i of wanted) {
    // An entry the office already made under the same name stays the one.
    if (have.has(i.code) || institutionNamed(db, i.name) !== null) continue;
    insertSeedInstitution(db, i, now);
    added += 1;
  }
  return { added, removed, deactivated };
}
