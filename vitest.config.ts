import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// The few tests under lib/ that need Postgres or Redis: they run with the integration tests.
const LIB_TESTS_WITH_A_DATABASE = [
  "lib/audit/record.test.ts",
  "lib/auth/sign-in-throttle.test.ts",
  "lib/db/roles.test.ts",
  "lib/warehouse/escapes.test.ts",
];

// Where unit tests point the app if one of them reaches for a database or Redis by mistake: nothing listens
// there, so such a test fails at once instead of touching a real one.
const NOWHERE = "127.0.0.1:1";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Pure rules, no database or Redis: files run in parallel, first.
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...LIB_TESTS_WITH_A_DATABASE],
          env: { DATABASE_URL: `postgres://postgres@${NOWHERE}/none`, REDIS_URL: `redis://${NOWHERE}` },
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Real Postgres, Redis and worker processes on one database and one Redis prefix: files one at a time,
        // after the unit tests, so they have the machine to themselves.
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts", ...LIB_TESTS_WITH_A_DATABASE],
          globalSetup: ["test/global-setup.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
