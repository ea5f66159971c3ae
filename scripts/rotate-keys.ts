// `npm run rotate-keys`: after putting a new key first in ENCRYPTION_KEY (keeping the old
// ones after it), re-encrypts every stored secret with it and says how many it changed.
// When it reports nothing unreadable, the old keys can be dropped from ENCRYPTION_KEY.
import { checkedEnv } from "../app/utils/checked-env.server.ts";

checkedEnv();
const { prisma } = await import("../app/utils/db.server.ts");
const { rotateKeys } = await import("./key-rotation.ts");

const report = await rotateKeys();
let unreadable = 0;
for (const [label, count] of Object.entries(report)) {
  console.log(`${label}: ${count.rotated} re-encrypted, ${count.current} already under the newest key${count.unreadable.length ? `, ${count.unreadable.length} unreadable (ids: ${count.unreadable.join(", ")})` : ""}`);
  unreadable += count.unreadable.length;
}
if (unreadable) console.error("Some values open with none of the listed keys: keep the key that wrote them in ENCRYPTION_KEY and run this again.");
else console.log("Everything is under the newest key; the older keys may now be removed from ENCRYPTION_KEY.");
await prisma.$disconnect();
process.exit(unreadable ? 1 : 0);
