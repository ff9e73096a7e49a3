import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The store tests' PostgreSQL database (created and dropped per run; skipped when none answers).
    globalSetup: ['test/store/pgSetup.ts'],
  },
});
