/**
 * `npm run bench`: imports every test/bench/*.bench.ts and runs its exported
 * `run()`, one after another, printing their figures. Never part of `npm test`.
 * Arguments filter by file name: `npm run bench -- pdf`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

for (const file of files) {
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') {
    console.log(`${file}: exports no run(), skipped`);
    continue;
  }
  console.log(`\n=== ${file}`);
  const started = performance.now();
  await module.run();
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
