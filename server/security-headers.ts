// Security headers on every response — pages, data requests, resource routes, static
// files, errors and the queue dashboard — set before anything else can answer.
//
// The Content-Security-Policy allows scripts only from this origin and inline scripts
// carrying this response's nonce (Remix's <Scripts>, <ScrollRestoration> and streamed
// data scripts get it through the load context, see app/entry.server.tsx): an injected
// <script> or event handler does not run. Stylesheets come from this origin only; style
// *attributes* are allowed (`style-src-attr 'unsafe-inline'`) because the calendar sizes
// and colours bars and chips with them, and an attribute can neither run script nor read
// the page (decision 0020).
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";

export type HeaderOptions = {
  production: boolean;
  /** The Vite dev server's hot-reload socket, allowed in development only. */
  devSocket?: string;
};

export const newNonce = () => randomBytes(16).toString("base64");

export function contentSecurityPolicy(nonce: string, devSocket?: string): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${devSocket ? ` ${devSocket}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** The headers for one response; the nonce goes into its CSP. */
export function securityHeaders(nonce: string, options: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options.devSocket),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    // Browsers honour HSTS only over HTTPS; in production Rytm is served over HTTPS.
    ...(options.production ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

declare module "express-serve-static-core" {
  interface Locals {
    cspNonce: string;
  }
}

/** The first middleware: a fresh nonce for the response, and every header above. */
export function securityHeadersMiddleware(options: HeaderOptions): RequestHandler {
  return (_req, res, next) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce, options));
    res.removeHeader("X-Powered-By");
    next();
  };
}
