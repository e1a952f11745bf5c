import { defineConfig } from '@playwright/test';

// The browser and the in-process core share one time zone, so "today" is the same day on both sides:
// the machine's zone when TZ is set (TZ=Pacific/Kiritimati / TZ=America/Adak runs), Istanbul otherwise.
process.env.TZ ??= 'Europe/Istanbul';

/**
 * e2e tests drive Debian's Chromium (the machines here cannot download
 * Playwright's own browsers) against the dev server, started in-process per
 * test by the fixture in test/e2e/fixtures.ts.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'tr-TR',
    timezoneId: process.env.TZ,
    launchOptions: {
      executablePath: process.env.KALKAN_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
