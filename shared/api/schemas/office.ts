/**
 * The office's letterhead (issue 15): what every document prints at its top and
 * in its footer, kept in the vault's settings ('office'; the logo apart as
 * 'officeLogo'). Province and district live here too: one place for the office's
 * whereabouts (set-up and address defaults read them from here).
 */
import { z } from 'zod';

/** Professional titles printed under a signature ("Sosyal Çalışmacı" …); codes, translated when printed. */
export const USER_TITLES = ['social_worker', 'psychologist', 'child_development', 'sociologist', 'teacher', 'psychological_counsellor', 'nurse', 'lawyer', 'manager'] as const;
export const UserTitle = z.enum(USER_TITLES);
export type UserTitle = z.infer<typeof UserTitle>;

const Line = (max: number) => z.string().trim().max(max).nullable();

export const OfficeProfile = z.object({
  /** The unit's name as printed; null: the name given at set-up. */
  name: Line(200),
  /** The body the unit belongs to ("Aile ve Sosyal Hizmetler Bakanlığı" …), printed above it. */
  institution: Line(200),
  /** A public office prints the "T.C." line on top. */
  public: z.boolean(),
  address: Line(400),
  phone: Line(60),
  email: Line(200),
  kep: Line(200),
  province: Line(80),
  district: Line(80),
  /** The office's file code (standard file plan), printed in "Sayı: <file code>-<document number>". */
  fileCode: Line(60),
});
export type OfficeProfile = z.infer<typeof OfficeProfile>;

export const EMPTY_OFFICE: OfficeProfile = {
  name: null,
  institution: null,
  public: true,
  address: null,
  phone: null,
  email: null,
  kep: null,
  province: null,
  district: null,
  fileCode: null,
};

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
/** A logo's limits: file size and pixels (it is printed about 2 cm high). */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MAX_PIXELS = 4096;

export const OfficeLogo = z.object({
  mime: z.enum(LOGO_TYPES),
  /** The file as given, base64. */
  base64: z.string().max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 8),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type OfficeLogo = z.infer<typeof OfficeLogo>;

/** What office.get answers: the stored fields, the name that prints, and the logo. */
export const OfficeView = OfficeProfile.extend({
  /** The name that prints: `name`, or the name given at set-up. */
  printedName: z.string(),
  logo: OfficeLogo.nullable(),
});
export type OfficeView = z.infer<typeof OfficeView>;

const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** office.update: only the fields given change; '' or null clears one. */
export const OfficeUpdate = z
  .object({
    name: optionalLine(200),
    institution: optionalLine(200),
    public: z.boolean().optional(),
    address: optionalLine(400),
    phone: optionalLine(60),
    email: z
      .string()
      .trim()
      .max(200)
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: 'email' })
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional(),
    kep: z
      .string()
      .trim()
      .max(200)
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: 'kep' })
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional(),
    province: optionalLine(80),
    district: optionalLine(80),
    fileCode: optionalLine(60),
    /** A PNG or JPEG file, base64 (size and type checked); null removes the logo. */
    logo: z
      .object({ base64: z.string().max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 8) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type OfficeUpdate = z.input<typeof OfficeUpdate>;
