// What a person can do to a post outside the editor: move it, decide on it, discuss it.
import { z } from "zod";
import { clockTimeSchema, planDateSchema } from "./calendar-dates";
import { multiLineText, recordIdSchema, singleLineText } from "./text-input";

const id = recordIdSchema("Which post?");
const date = planDateSchema();
const time = clockTimeSchema();
const comment = multiLineText({ max: 2000, tooLong: "At most 2,000 characters" });
/** The revision of the post the person decided on, as their page showed it: a decision on words since changed is refused. */
const revision = z.coerce.number().int().min(1).max(1_000_000_000).optional();
/** "postId:revision" (or a bare id), one per post of "approve all shown". */
const seenPost = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}(:\d{1,9})?$/, "Which post?")
  .transform((value) => {
    const [postId, seen] = value.split(":");
    return { postId: postId!, revision: seen ? Number(seen) : undefined };
  });

export const moveSchema = z.object({ postId: id, date, time, dst: z.enum(["earlier", "later"]).optional() });

export const postActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("approve"), comment: comment.optional(), revision }),
  z.object({ intent: z.literal("request-changes"), comment: comment.min(1, "Say what should change"), revision }),
  z.object({ intent: z.literal("schedule") }),
  z.object({ intent: z.literal("unschedule") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("comment"), comment: comment.min(1, "Write a comment"), visibleToClient: z.literal("on").optional() }),
  z.object({ intent: z.literal("move"), date, time, dst: z.enum(["earlier", "later"]).optional() }),
  /** Stops the post's series from a local date on. */
  z.object({ intent: z.literal("stop-series"), from: date }),
]);
export type PostAction = z.infer<typeof postActionSchema>;

/** A client's name: asked once on a device and remembered there. */
export const clientNameSchema = singleLineText({ max: 100, required: "Write your name" });

/** What a client sends from their page: their name once, a decision on one post, or approval of every post shown. */
export const clientActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("name"), name: clientNameSchema }),
  z.object({ intent: z.literal("forget-name") }),
  z
    .object({
      intent: z.literal("decide"),
      postId: id,
      decision: z.enum(["approve", "request-changes"], { error: "Approve or request changes" }),
      name: clientNameSchema.optional(),
      comment: comment.optional(),
      revision,
    })
    .refine((d) => d.decision === "approve" || Boolean(d.comment), { path: ["comment"], message: "Say what should change" }),
  z.object({ intent: z.literal("approve-all"), postIds: z.array(seenPost).min(1, "No post to approve").max(200), name: clientNameSchema.optional() }),
]);
