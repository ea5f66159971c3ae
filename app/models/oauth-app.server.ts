// Rytm's app on each Mastodon instance (registered once, then reused). The secret is stored
// encrypted, as channel credentials are.
import { prisma } from "~/utils/db.server";

export function findOAuthApp(origin: string, redirectUri: string) {
  return prisma.oAuthApp.findUnique({ where: { origin_redirectUri: { origin, redirectUri } }, select: { clientId: true, clientSecret: true } });
}

/** Two first connections to one instance at once both register; the first one kept wins, the other's app is simply unused. */
export async function saveOAuthApp(app: { origin: string; redirectUri: string; clientId: string; clientSecret: string }) {
  await prisma.oAuthApp.upsert({ where: { origin_redirectUri: { origin: app.origin, redirectUri: app.redirectUri } }, create: app, update: {}, select: { id: true } });
}
