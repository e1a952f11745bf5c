import { keyringPathFor } from './keyring';
import { lockPathFor } from './lockFile';
import { throttlePathFor } from './throttle';

/** The files that make up one vault, all beside the database. */
export interface VaultPaths {
  db: string;
  keyring: string;
  lock: string;
  throttle: string;
  /** Folder for the automatic pre-migration backups. */
  migrationBackups: string;
}

export function vaultPaths(db: string): VaultPaths {
  return {
    db,
    keyring: keyringPathFor(db),
    lock: lockPathFor(db),
    throttle: throttlePathFor(db),
    migrationBackups: `${db}.backups`,
  };
}
