// Every route of the built app, read from the route manifest of the build the test run
// made (build/server): a route added later is in it without anyone listing it here.
import path from "node:path";
import { pathToFileURL } from "node:url";

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; hasAction: boolean; hasLoader: boolean };

export type AppRoute = {
  id: string;
  /** The URL pattern, e.g. "/w/:slug/posts/:postId"; an index route's action needs "?index". */
  pattern: string;
  index: boolean;
  hasAction: boolean;
  hasLoader: boolean;
  params: string[];
};

export async function appRoutes(): Promise<AppRoute[]> {
  const build = (await import(/* @vite-ignore */ pathToFileURL(path.resolve("build/server/index.js")).href)) as { assets: { routes: Record<string, ManifestRoute> } };
  const routes = build.assets.routes;
  const fullPath = (route: ManifestRoute): string => {
    const own = route.path ?? "";
    const parent = route.parentId ? fullPath(routes[route.parentId]!) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(routes)
    .filter((route) => route.id !== "root" && (route.hasAction || route.hasLoader))
    .map((route) => {
      const pattern = `/${fullPath(route)}`;
      return { id: route.id, pattern, index: Boolean(route.index), hasAction: route.hasAction, hasLoader: route.hasLoader, params: [...pattern.matchAll(/:(\w+)\??/g)].map((m) => m[1]!) };
    });
}

/** The pattern with its parameters filled in (each value already URL-encoded). */
export const fillPattern = (pattern: string, values: Record<string, string>) => pattern.replace(/:(\w+)\??/g, (_m, name: string) => values[name] ?? "x");
