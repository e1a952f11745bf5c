/**
 * Issue 12, "done means": the Electron main file only wires the window, the OS events and the
 * core host — the core (vault, router, services) is not in main's bundle — and the host's timer
 * lives once, in core/host/runtime.ts, not in main or the dev server. And DEVELOPING.md shows the
 * path of one request from a click to SQLite in five lines that name files that exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** The repository files a module pulls in at run time (relative imports and re-exports; `import type` is erased). */
function runtimeImports(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, clause, spec] of text.matchAll(/^\s*(?:import|export)\s+([^'";]*?)\s*(?:from\s+)?['"](\.[^'"]+)['"]/gm)) {
      if (/^type\s/.test(clause!) || !spec) continue;
      const base = resolve(dirname(file), spec);
      const target = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(path) && !path.endsWith('/'));
      if (target && /\.(ts|tsx|json)$/.test(target)) {
        if (target.endsWith('.json')) seen.add(target);
        else visit(target);
      }
    }
  };
  visit(join(ROOT, entry));
  return [...seen].map((path) => relative(ROOT, path)).sort();
}

describe('the Electron main process and the core host', () => {
  it('main pulls in only the host client and the logger from core (the core runs in the host’s worker)', () => {
    const files = runtimeImports('electron/main/index.ts');
    expect(files).toContain('electron/core/host/client.ts');
    expect(files.filter((f) => f.startsWith('electron/core/'))).toEqual(['electron/core/host/client.ts', 'electron/core/log.ts']);
  });

  it('the host’s timer is one copy, in core/host/runtime.ts: main and the dev server start none', () => {
    for (const file of ['electron/main/index.ts', 'electron/dev-server/server.ts']) expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/setInterval\(/);
    expect(readFileSync(join(ROOT, 'electron/core/host/runtime.ts'), 'utf8')).toMatch(/setInterval\(/);
  });
});

describe('DEVELOPING.md', () => {
  it('shows one request from a click to SQLite in five lines, each naming files that exist', () => {
    const text = readFileSync(join(ROOT, 'DEVELOPING.md'), 'utf8');
    const section = text.split('## One request, from a click to SQLite')[1]!.split('\n## ')[0]!;
    const lines = section.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(lines.map((line) => line.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    const paths = lines.flatMap((line) => [...line.matchAll(/`((?:renderer|electron|shared)\/[^`<*]+)`/g)].map((m) => m[1]!));
    expect(paths.length).toBeGreaterThanOrEqual(5);
    for (const path of paths) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });
});
