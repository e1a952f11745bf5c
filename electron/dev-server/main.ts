/** `npm run dev:web`: start the browser harness and print the URL to open. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDevServer } from './server';

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
  strict: true,
});
const dataDir = values['data-dir'] ?? process.env.KALKAN_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'kalkan-dev-'));
const server = await startDevServer({ dataDir, ...(values.port ? { port: Number(values.port) } : {}) });
process.stdout.write(`Kalkan dev server (data: ${dataDir})\nKALKAN_DEV_URL=${server.openUrl}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
