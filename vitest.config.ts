import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup-entrepot.ts"],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Loader tests build DuckDB files; the machine has 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
    // The JSON report lets .ci/run print the plain "N passed, N failed" line CI reads.
    reporters: ["default", "json"],
    outputFile: {json: "test-results/vitest.json"}
  }
});
