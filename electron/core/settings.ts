/**
 * Workstation preferences that must survive before anyone signs in (the
 * language of the sign-in screen). No case data ever goes here: the file is
 * not encrypted.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type z } from 'zod';
import { Settings } from '../../shared/api/contract';
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages';
import { writeAtomic } from './vault/safeFile';

export type SettingsValue = z.infer<typeof Settings>;
const DEFAULTS: SettingsValue = { language: DEFAULT_LANGUAGE };

export class SettingsStore {
  private value: SettingsValue;

  constructor(private readonly file: string) {
    this.value = this.read();
  }

  get(): SettingsValue {
    return { ...this.value };
  }

  update(patch: Partial<SettingsValue>): SettingsValue {
    const next = Settings.parse({ ...this.value, ...patch });
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename so a power cut never leaves half a file.
    writeAtomic(this.file, JSON.stringify(next, null, 2), { overwrite: true });
    this.value = next;
    return this.get();
  }

  private read(): SettingsValue {
    try {
      const parsed = Settings.safeParse({ ...DEFAULTS, ...JSON.parse(readFileSync(this.file, 'utf8')) });
      return parsed.success ? parsed.data : { ...DEFAULTS };
    } catch {
      // Missing or unreadable preferences are not worth stopping the app for.
      return { ...DEFAULTS };
    }
  }
}
