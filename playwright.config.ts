import { defineConfig } from "@playwright/test";

const port = Number(process.env.PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const logDir = process.env.LOG_DIR ?? "test-results/logs";

// Debian's Chromium: the machine cannot download Playwright's own build. These flags keep it off the network.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx e2e/support/smtp-sink.ts 2>&1 | tee -a ${logDir}/smtp.log`,
      port: Number(process.env.SMTP_PORT ?? 2526),
      reuseExistingServer: false,
    },
    {
      command: `npm run --silent start -- -p ${port} 2>&1 | tee -a ${logDir}/web.log`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: `npm run --silent worker 2>&1 | tee -a ${logDir}/worker.log`,
      // The worker has no port: it is ready once it says so.
      wait: { stdout: /worker started/ },
    },
  ],
  // Patterns match the absolute path: anchored on e2e/, so a checkout in a folder named like a project still works.
  projects: [
    { name: "setup", testMatch: /e2e\/support\/.*\.setup\.ts$/ },
    { name: "api", testMatch: /e2e\/api\/.*\.spec\.ts$/, dependencies: ["setup"] },
    {
      name: "console",
      testMatch: /e2e\/console\/.*\.spec\.ts$/,
      dependencies: ["setup"],
      use: { browserName: "chromium", storageState: "e2e/.auth/admin.json" },
    },
    {
      name: "final",
      testMatch: /e2e\/final\/.*\.spec\.ts$/,
      dependencies: ["api", "console"],
      use: { storageState: "e2e/.auth/admin.json" },
    },
  ],
});
