// What a person can do to a post outside the editor: move it, decide on it, discuss it.
import { z } from "zod";

const id = z.string({ error: "Which post?" }).min(1).max(40);
const date = z.string({ error: "Choose a date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date");
const time = z.string({ error: "Choose a time" }).regex(/^\d{2}:\d{2}$/, "Choose a time");
const comment = z.string().trim().max(2000, "At most 2,000 characters");

export const moveSchema = z.object({ postId: id, date, time, dst: z.enum(["earlier", "later"]).optional() });

export const postActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("approve"), comment: comment.optional() }),
  z.object({ intent: z.literal("request-changes"), comment: comment.min(1, "Say what should change") }),
  z.object({ intent: z.literal("schedule") }),
  z.object({ intent: z.literal("unschedule") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("comment"), comment: comment.min(1, "Write a comment") }),
  z.object({ intent: z.literal("move"), date, time, dst: z.enum(["earlier", "later"]).optional() }),
]);
export type PostAction = z.infer<typeof postActionSchema>;

export const clientDecisionSchema = z.object({
  postId: id,
  decision: z.enum(["approve", "request-changes"], { error: "Approve or request changes" }),
  name: z.string({ error: "Write your name" }).trim().min(1, "Write your name").max(100, "At most 100 characters"),
  comment: comment.optional(),
}).refine((d) => d.decision === "approve" || Boolean(d.comment), { path: ["comment"], message: "Say what should change" });
