#!/usr/bin/env node
/**
 * Builds better-sqlite3-multiple-ciphers for Electron's ABI into
 * build/native/electron/better_sqlite3.node, leaving the Node build in
 * node_modules untouched (tests, the CLI and the dev server use that one).
 * The main process passes this file as `nativeBinding`; electron-builder ships it.
 *
 * Needs Electron's headers from the network: it runs where Electron can be
 * downloaded (office build machines), not on the sandboxed development machines.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build/native/electron/better_sqlite3.node');
if (existsSync(out) && !process.argv.includes('--force')) process.exit(0);

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const work = join(root, 'build/native/electron-src');
rmSync(work, { recursive: true, force: true });
cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
execFileSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`],
  { cwd: work, stdio: 'inherit' },
);
mkdirSync(dirname(out), { recursive: true });
cpSync(join(work, 'build/Release/better_sqlite3.node'), out);
process.stdout.write(`Electron ${electronVersion} build of the SQLite module: ${out}\n`);
