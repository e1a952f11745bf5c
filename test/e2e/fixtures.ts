/**
 * Each test gets its own dev server (real core, real router) over a fresh
 * temporary data folder, and a page that fails the test on any console error.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../electron/core/log';
import { startDevServer, type DevServer } from '../../electron/dev-server/server';

interface Fixtures {
  server: DevServer;
  app: Page;
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kalkan-e2e-'));
    const server = await startDevServer({ dataDir, log: silentLogger });
    await use(server);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
  app: async ({ page, server, consoleErrors }, use) => {
    await page.goto(server.openUrl);
    await use(page);
    expect(consoleErrors, 'console errors').toEqual([]);
  },
});

export { expect };
