import { LATEST_VERSION } from './db/migrations';

/** The database schema version this build writes (PRAGMA user_version). */
export const SCHEMA_VERSION = LATEST_VERSION;
