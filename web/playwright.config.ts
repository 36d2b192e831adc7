import { defineConfig } from '@playwright/test';

// Run by BrowserIT (mvn verify) against the real stack, the four services and the web server it starts; it passes
// the app's URL in VERITY_WEB_URL. Chromium is Debian's package: Playwright cannot download browsers here.
export default defineConfig({
  testDir: 'src/test/playwright',
  outputDir: 'target/playwright-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['junit', { outputFile: 'target/failsafe-reports/TEST-playwright.xml' }]],
  use: {
    baseURL: process.env.VERITY_WEB_URL ?? 'http://127.0.0.1:8080',
    viewport: { width: 1280, height: 860 },
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.VERITY_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
