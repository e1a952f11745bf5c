/** The database schema version this build writes (PRAGMA user_version). */
export const SCHEMA_VERSION = 0;
