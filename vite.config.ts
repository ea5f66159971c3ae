import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  // Server-only native modules: the dev server's dependency scan must not try their browser builds.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  build: {
    rollupOptions: {
      // zod ships comments Rollup cannot place; it drops them harmlessly but says so loudly.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules/zod/")) return;
        // Resource routes (a loader or an action, no component) have no browser code, yet Remix
        // gives every route a browser module; each comes out empty, as it should.
        if (warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
});
