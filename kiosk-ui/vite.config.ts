import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * The dev server's counterpart of the agent's fallback: /operator and every
 * path under it get the operator console's page, /fleet the fleet view's
 * (the agent does the same in edge-agent/src/http/app.ts).
 */
function operatorFallback(): Plugin {
  return {
    name: "linli-operator-fallback",
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const path = request.url?.split("?")[0] ?? "";
        if (/^\/operator(\/[^.]*)?$/.test(path)) request.url = "/operator.html";
        if (/^\/fleet\/?$/.test(path)) request.url = "/fleet.html";
        next();
      });
    },
  };
}

export default defineConfig({
  resolve: { conditions: ["@linli/source"] },
  plugins: [operatorFallback()],
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // The budget in the quality bars is checked by the test suite from the manifest.
    manifest: true,
    reportCompressedSize: false,
    rolldownOptions: {
      // Separate pages: residents load index.html and never any of the operator console's code
      // or the fleet view's (fleet.html, /fleet).
      input: {
        main: page("index.html"),
        operator: page("operator.html"),
        fleet: page("fleet.html"),
      },
    },
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8080", ws: true } },
  },
});
