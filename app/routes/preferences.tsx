// The person's language, kept on their account (the browser's choice until they pick one).
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { locales } from "~/i18n/locales";
import { requireUser, safeRedirect } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

const schema = z.object({ locale: z.enum(locales, { error: `Choose one of ${locales.join(", ")}` }), redirectTo: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ message: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  await prisma.user.update({ where: { id: user.id }, data: { locale: parsed.data.locale }, select: { id: true } });
  return redirect(safeRedirect(parsed.data.redirectTo, "/"));
}

export const loader = () => redirect("/");
