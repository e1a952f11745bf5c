/**
 * The office's letterhead (issue 15): read for every document, set by an admin
 * (office.update, `kalkan office`). A logo is kept as given (PNG or JPEG),
 * after checking its type by its bytes, its size and its pixels.
 */
import { CodedError } from '../../../shared/api/envelope';
import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS, type OfficeLogo, type OfficeProfile, type OfficeUpdate, type OfficeView } from '../../../shared/api/schemas/office';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/open';
import { getVaultSetting, setVaultSetting } from '../db/vaultSettings';
import { applyProvinceDirectory, canonicalProvince } from '../referrals/directorySeed';
import { readMeta } from '../vault/vault';

/** What a document prints of the office: its letterhead lines, contacts and logo. */
export interface Letterhead extends OfficeProfile {
  printedName: string;
  /** data: URL of the logo, or null. */
  logo: string | null;
}

export function readOffice(db: Db): OfficeView {
  const profile = getVaultSetting(db, 'office');
  return { ...profile, printedName: profile.name ?? readMeta(db).officeName, logo: getVaultSetting(db, 'officeLogo') };
}

export function letterheadOf(db: Db): Letterhead {
  const view = readOffice(db);
  return { ...view, logo: view.logo ? `data:${view.logo.mime};base64,${view.logo.base64}` : null };
}

/** Type and pixel size of a PNG or JPEG, from its bytes; null for anything else. */
export function sniffImage(bytes: Buffer): { mime: OfficeLogo['mime']; width: number; height: number } | null {
  if (bytes.length > 24 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { mime: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at += 1;
        continue;
      }
      const length = bytes.readUInt16BE(at + 2);
      // SOF0–SOF15 carry the size (not DHT c4, JPG c8, DAC cc).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { mime: 'image/jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      }
      at += 2 + length;
    }
  }
  return null;
}

export function checkLogo(base64: string): OfficeLogo {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > LOGO_MAX_BYTES) throw new CodedError('office.logoTooLarge', { field: 'logo', maxKb: LOGO_MAX_BYTES / 1024, maxPixels: LOGO_MAX_PIXELS });
  const image = sniffImage(bytes);
  if (!image || image.width === 0 || image.height === 0) throw new CodedError('office.logoType', { field: 'logo' });
  if (image.width > LOGO_MAX_PIXELS || image.height > LOGO_MAX_PIXELS) throw new CodedError('office.logoTooLarge', { field: 'logo', maxKb: LOGO_MAX_BYTES / 1024, maxPixels: LOGO_MAX_PIXELS });
  return { ...image, base64: bytes.toString('base64') };
}

/** Applies an update (only the fields given) in one transaction, audited (field names only). */
export function updateOffice(db: Db, patch: OfficeUpdate, actor: { userId: string; username: string }): OfficeView {
  const { logo, ...fields } = patch;
  const checked = logo ? checkLogo(logo.base64) : logo;
  db.transaction(() => {
    const current = getVaultSetting(db, 'office');
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<OfficeProfile>;
    if (given.province !== undefined) given.province = canonicalProvince(given.province);
    setVaultSetting(db, 'office', { ...current, ...given });
    // A new province brings its own seeded directory (issue 14); the office's own entries stay.
    if (given.province && given.province !== current.province) applyProvinceDirectory(db, given.province, new Date().toISOString());
    if (checked !== undefined) setVaultSetting(db, 'officeLogo', checked);
    appendAudit(db, {
      action: 'office.updated',
      actorId: actor.userId,
      actorName: actor.username,
      targetType: 'office',
      targetId: 'letterhead',
      details: { fields: [...Object.keys(given), ...(checked !== undefined ? ['logo'] : [])].join(',') },
    });
  })();
  return readOffice(db);
}
