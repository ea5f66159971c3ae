// `npm run db:seed`: (re)creates the demo data and prints how to sign in.
import "dotenv/config";
import { prisma } from "../app/utils/db.server.ts";
import { DEMO_PASSWORD, demoUsers, seedDemo } from "./demo-data.ts";

const counts = await seedDemo();
console.log(`Demo data: ${counts.workspaces} workspaces, ${counts.users} people, ${counts.posts} posts.`);
console.log(`Sign in as any of these, password "${DEMO_PASSWORD}":`);
for (const user of demoUsers) console.log(`  ${user.email.padEnd(22)} ${user.key}`);
await prisma.$disconnect();
