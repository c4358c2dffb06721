import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources in tests (the
// "@linli/source" export condition), so `npm test` never runs stale builds.
const resolve = { conditions: ["@linli/source"] };

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ["@linli/source"] } },
  test: {
    projects: [
      {
        resolve,
        ssr: { resolve: { conditions: ["@linli/source"] } },
        test: {
          name: "unit",
          include: ["{protocols,device-profiles,edge-agent,kiosk-ui}/src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ["@linli/source"] } },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ["@linli/source"] } },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
