import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Native SQLite work and scrypt are CPU-bound: two cores, two workers.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
