// Prisma's CLI imports this only inside `prisma dev` (a local Prisma Postgres), which Rytm
// never runs; the real package needs Node 22, so it is left out (docs/decisions/0059).
export function startLocalDurableStreamsServer() {
  throw new Error("`prisma dev` is not available in Rytm: it needs @prisma/streams-local, which Rytm leaves out (docs/decisions/0059).");
}
