// The HTTP server: security headers on every response, the checks that must run before
// any Remix action (cross-site requests, the URL and the body, see request-gate.ts),
// static files, and the Remix request handler (a Vite dev server in development, the
// built app in production and tests).
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { bodyLimitFor, streamedBody } from "./body-limits.ts";
import { crossSiteRefusal } from "./cross-site.ts";
import { BOARD_PATH, operatorBoard } from "./operator-board.ts";
import { remixHandler } from "./remix-handler.ts";
import { requestGate } from "./request-gate.ts";
import { securityHeadersMiddleware } from "./security-headers.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientAddress: string;
    /** This response's Content-Security-Policy nonce, for Remix's inline scripts. */
    cspNonce: string;
  }
}

export type AppOptions = {
  mode: "development" | "production";
  /** Origins besides the request's own host that may post forms (APP_URL behind a proxy). */
  extraOrigins?: string[];
  /** NODE_ENV=production: HSTS is sent. */
  production: boolean;
  /** TRUST_PROXY: whose X-Forwarded-For (and -Proto) to believe; false believes none (decision 0023). */
  trustProxy?: false | number | string[];
  logger: Logger;
};

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export async function createApp({ mode, extraOrigins = [], production, trustProxy = false, logger }: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  // Vite's hot-reload socket listens on its own port in middleware mode.
  app.use(securityHeadersMiddleware({ production, devSocket: mode === "development" ? "ws://localhost:24678 ws://127.0.0.1:24678" : undefined }));
  app.use(compression());

  app.use((req, res, next) => {
    const own = [`${req.protocol}://${req.headers.host}`, ...extraOrigins];
    const refusal = crossSiteRefusal(req.method, req.headers, own);
    if (!refusal) return next();
    logger.warn({ method: req.method, url: req.originalUrl, refusal }, "refused cross-site request");
    res.status(403).type("text/plain").send(`Forbidden: ${refusal}.`);
  });

  app.use(BOARD_PATH, operatorBoard());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let close = async () => {};
  if (mode === "development") {
    const vite = await import("vite").then((v) =>
      v.createServer({ root, server: { middlewareMode: true }, appType: "custom", logLevel: "warn" }),
    );
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    close = () => vite.close();
  } else {
    const client = path.join(root, "build/client");
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(client, { maxAge: "1h" }));
    build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
  }

  app.use(requestGate({ limitFor: bodyLimitFor, streamed: streamedBody }));
  app.all("*", remixHandler(build, mode));
  app.use(lastErrorHandler(logger));
  return { app, close };
}

/** An error nothing else answered: logged with its stack, answered without it. */
function lastErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; expose?: boolean; message?: string }, req, res, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    const clientError = status >= 400 && status < 500;
    if (!clientError) logger.error({ err: error, method: req.method, url: req.originalUrl }, "request failed");
    if (res.headersSent) return void res.destroy();
    res.status(clientError ? status : 500).type("text/plain").send(clientError && error.expose ? `${error.message}\n` : clientError ? "Bad request.\n" : "Something went wrong on our side.\n");
  };
}
