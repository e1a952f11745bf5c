/**
 * The handler for every contract method, gathered from the area files. The
 * `Handlers` type makes the compiler refuse a contract method without one.
 */
import { appHandlers } from './handlers/appHandlers';
import { attachmentsHandlers } from './handlers/attachmentsHandlers';
import { assessmentsHandlers } from './handlers/assessmentsHandlers';
import { auditHandlers } from './handlers/auditHandlers';
import { auditViewHandlers } from './handlers/auditViewHandlers';
import { authHandlers } from './handlers/authHandlers';
import { backupHandlers } from './handlers/backupHandlers';
import { calendarHandlers } from './handlers/calendarHandlers';
import { casesHandlers } from './handlers/casesHandlers';
import { courtHandlers } from './handlers/courtHandlers';
import { documentsHandlers } from './handlers/documentsHandlers';
import { draftsHandlers } from './handlers/draftsHandlers';
import { officeHandlers } from './handlers/officeHandlers';
import { referralsHandlers } from './handlers/referralsHandlers';
import { statsHandlers } from './handlers/statsHandlers';
import { transfersHandlers } from './handlers/transfersHandlers';
import { usersHandlers } from './handlers/usersHandlers';
import type { Handlers } from './router';

export const handlers: Handlers = {
  ...appHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...casesHandlers,
  ...assessmentsHandlers,
  ...documentsHandlers,
  ...referralsHandlers,
  ...courtHandlers,
  ...statsHandlers,
  ...draftsHandlers,
  ...officeHandlers,
  ...auditViewHandlers,
  ...attachmentsHandlers,
  ...calendarHandlers,
  ...transfersHandlers,
};
