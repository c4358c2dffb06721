import { defineConfig } from "vite";

export default defineConfig({
  resolve: { conditions: ["@linli/source"] },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // The budget in the quality bars is checked by the test suite from the manifest.
    manifest: true,
    reportCompressedSize: false,
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8080", ws: true } },
  },
});
