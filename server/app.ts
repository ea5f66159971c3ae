// The HTTP server: security checks that must run before any Remix action, static files,
// and the Remix request handler (a Vite dev server in development and tests, the built
// app in production).
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Logger } from "pino";
import { crossSiteRefusal } from "./cross-site.ts";
import { BOARD_PATH, operatorBoard } from "./operator-board.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientAddress: string;
  }
}

export type AppOptions = {
  mode: "development" | "production";
  /** Origins besides the request's own host that may post forms (APP_URL behind a proxy). */
  extraOrigins?: string[];
  /** TRUST_PROXY: whose X-Forwarded-For (and -Proto) to believe; false believes none (decision 0023). */
  trustProxy?: false | number | string[];
  logger: Logger;
};

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export async function createApp({ mode, extraOrigins = [], trustProxy = false, logger }: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(compression());

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
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

  app.all("*", createRequestHandler({ build, mode, getLoadContext: (req) => ({ clientAddress: req.ip ?? "unknown" }) }));
  return { app, close };
}
