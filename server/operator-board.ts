// Bull Board for instance operators only (users with isOperator): the queues' jobs,
// delays and failures. Anyone else gets a plain 404, as if nothing were there.
import { createBullBoard } from "@bull-board/api";
import { BullAdapter } from "@bull-board/api/bullAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Application, Request, RequestHandler } from "express";
import { getUser } from "../app/utils/auth.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { createQueue, getMailQueue, getPublishQueue, queueNames } from "../app/utils/queues.server.ts";

export const BOARD_PATH = "/admin/queues";

async function isOperator(req: Request): Promise<boolean> {
  const request = new globalThis.Request(`http://local${req.originalUrl}`, { headers: { cookie: req.headers.cookie ?? "" } });
  const user = await getUser(request);
  if (!user) return false;
  return (await prisma.user.findUnique({ where: { id: user.id }, select: { isOperator: true } }))?.isOperator ?? false;
}

export function operatorBoard(): RequestHandler {
  let router: Application | undefined;
  return (req, res, next) => {
    isOperator(req).then(
      (allowed) => {
        if (!allowed) return res.status(404).type("text/plain").send("Not found");
        if (!router) {
          const adapter = new ExpressAdapter();
          adapter.setBasePath(BOARD_PATH);
          createBullBoard({ queues: [new BullAdapter(getPublishQueue()), new BullAdapter(getMailQueue()), new BullAdapter(createQueue(queueNames.maintenance))], serverAdapter: adapter });
          router = adapter.getRouter() as Application;
          // The board is an Express app of its own, which would announce itself.
          router.disable("x-powered-by");
        }
        router(req, res, next);
      },
      (error: Error) => next(error),
    );
  };
}
