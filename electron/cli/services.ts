import { homedir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core/createCore';
import { silentLogger } from '../core/log';

/** Workstation data folder for CLI runs: KALKAN_DATA_DIR or ~/.kalkan. */
export function cliDataDir(env: NodeJS.ProcessEnv): string {
  return env.KALKAN_DATA_DIR ?? join(homedir(), '.kalkan');
}

export function cliCore(env: NodeJS.ProcessEnv): Core {
  // The CLI reports on stdout/stderr itself; request logs would only be noise there.
  return createCore({ dataDir: cliDataDir(env), log: silentLogger });
}
