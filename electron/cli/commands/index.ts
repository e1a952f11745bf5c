import type { Command } from '../command';
import { infoCommand } from './info';
import { initCommand } from './init';
import { userAddCommand, userDisableCommand, userListCommand, userPasswdCommand } from './user';
import { backupCommand, exportCommand, restoreCommand, verifyCommand } from './vaultOps';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  initCommand,
  userAddCommand,
  userListCommand,
  userDisableCommand,
  userPasswdCommand,
  backupCommand,
  restoreCommand,
  verifyCommand,
  exportCommand,
  infoCommand,
];
