/**
 * Working days for reply deadlines: Monday to Friday, without Turkey's public
 * holidays (fixed national holidays, Ramazan and Kurban Bayramı; an arife half
 * day counts as a working day). The table and its source: shared/time/holidays.ts.
 */
export { addWorkingDays, isWorkingDay, nextWorkingDay } from '../../../shared/time/holidays';
