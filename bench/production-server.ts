// The app built and served as in production, in this process, for benchmarks that measure
// its answers: returns its base URL and how to stop it.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { spawnSync } from "node:child_process";

export async function startProductionServer() {
  if (spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" }).status !== 0) throw new Error("The app did not build.");
  const { createApp } = await import("../server/app.ts");
  const { createLogger } = await import("../app/utils/logger.server.ts");
  const { app, close } = await createApp({ mode: "production", extraOrigins: [], production: true, logger: createLogger("bench", "warn") });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.close();
      await close();
    },
  };
}
