import type { Command } from '../command';
import { assessCommand } from './assess';
import { casesListCommand, searchCommand } from './cases';
import { demoCommand } from './demo';
import { infoCommand } from './info';
import { initCommand } from './init';
import { officeCommand } from './office';
import { pdfAssessmentCommand, pdfCourtReportCommand, pdfReferralCommand } from './pdf';
import { statsCommand } from './stats';
import { syncCloneCommand, syncCommand } from './sync';
import { toolCommand } from './tool';
import { transferExportCommand, transferImportCommand } from './transfer';
import { userAddCommand, userDisableCommand, userListCommand, userPasswdCommand } from './user';
import { backupCommand, exportCommand, rekeyCommand, restoreCommand, verifyCommand } from './vaultOps';

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
  rekeyCommand,
  exportCommand,
  officeCommand,
  transferExportCommand,
  transferImportCommand,
  demoCommand,
  casesListCommand,
  searchCommand,
  statsCommand,
  toolCommand,
  assessCommand,
  pdfCourtReportCommand,
  pdfReferralCommand,
  pdfAssessmentCommand,
  syncCloneCommand,
  syncCommand,
  infoCommand,
];
