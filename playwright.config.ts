import { defineConfig } from '@playwright/test'

// The harness launches Chromium itself (tests/e2e/harness.ts), so no browser project here.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  fullyParallel: false,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'out/test-results/playwright.json' }]],
  outputDir: 'out/test-results/playwright'
})
