// `npm run operator -- <email> [--revoke]`: lets a user open the queue dashboard (/admin/queues).
import "dotenv/config";
import { prisma } from "../app/utils/db.server.ts";

const [email, flag] = process.argv.slice(2);
if (!email) {
  console.error("Usage: npm run operator -- <email> [--revoke]");
  process.exit(2);
}
const { count } = await prisma.user.updateMany({ where: { email: email.toLowerCase() }, data: { isOperator: flag !== "--revoke" } });
console.log(count ? `${email} ${flag === "--revoke" ? "is no longer" : "is now"} an operator.` : `No user with the e-mail ${email}.`);
await prisma.$disconnect();
process.exit(count ? 0 : 1);
