// Web process entry: validates the environment, then serves the app.
import { checkedEnv } from "../app/utils/checked-env.server.ts";
import { createLogger } from "../app/utils/logger.server.ts";
import { guardOutboundRequests } from "../app/utils/outbound-guard.server.ts";

const config = checkedEnv();
guardOutboundRequests();

const logger = createLogger("rytm-web", config.LOG_LEVEL);
const mode = process.argv.includes("--dev") ? "development" : "production";
// Loaded after the check: its modules open the database and Redis as they load.
const { createApp } = await import("./app.ts");
const { app, close } = await createApp({
  mode,
  extraOrigins: config.APP_URL ? [new URL(config.APP_URL).origin] : [],
  production: config.NODE_ENV === "production",
  trustProxy: config.TRUST_PROXY,
  logger,
});
const server = app.listen(config.PORT, config.HOST, () => {
  logger.info({ url: `http://${config.HOST}:${config.PORT}`, mode }, "web server listening");
});

function shutdown(signal: string) {
  logger.info({ signal }, "web server stopping");
  server.close(() => void close().then(() => process.exit(0)));
  // Idle keep-alive connections would otherwise hold the close open until they time out.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
