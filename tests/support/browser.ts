// Debian's Chromium driven by playwright-core (environment.md): no browser download,
// no background networking on a closed network; Playwright gives each launch a fresh
// temporary profile.
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page, chromium } from "playwright-core";
import { inject, vi } from "vitest";
import { PASSWORD, addMember, createUser, createWorkspace, unique } from "./fixtures";

// A browser test walks a person's path through several pages; on two cores busy with the
// server, worker and PostgreSQL, a path takes 15–30 s, so browser tests get more than the
// suite's default 30 s (each test file runs in its own process: this sets only theirs).
vi.setConfig({ testTimeout: 90_000 });

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const artifactsDir = path.resolve("tests/artifacts");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that fails the test on a script error; its console errors are collected. `timezoneId`: the browser's zone. */
export async function newPage(browser: Browser, options: { timezoneId?: string } = {}): Promise<Page & { consoleErrors: string[] }> {
  const context = await browser.newContext({ baseURL: inject("baseUrl"), locale: "en-GB", ...options });
  const page = Object.assign(await context.newPage(), { consoleErrors: [] as string[] });
  page.on("console", (message) => {
    if (message.type() === "error") page.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  // Shorter than the test's own timeout, so a stuck step fails with its own message.
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

/** Waits until React has hydrated the page (root.tsx marks it), so that nothing touches the server's HTML first. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function screenshot(page: Page, name: string) {
  await hydrated(page);
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in form, as a person would. */
export async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A new workspace and its owner, signed in on a fresh page (of the given size, if one is given). */
export async function signedInOwner(browser: Browser, viewport?: { width: number; height: number }) {
  const owner = await createUser(unique("owner"));
  const workspace = await createWorkspace(unique("brand"));
  await addMember(workspace.id, owner.id, "OWNER");
  const page = await newPage(browser);
  if (viewport) await page.setViewportSize(viewport);
  await signInAs(page, owner.email, PASSWORD);
  return { owner, workspace, page };
}

/** The ids and places of serious or critical accessibility violations (axe) on the page as it stands. */
export async function seriousA11yViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
