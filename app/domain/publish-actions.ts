// What a person can do with a variant the worker could not finish, or that a pause held.
import { z } from "zod";

const id = z.string().min(1).max(40);

export const localDateTimeSchema = z
  .string({ error: "Choose a date and time" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time");

export const variantActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish-now"), variantId: id }),
  z.object({ intent: z.literal("reschedule"), variantId: id, at: localDateTimeSchema }),
  z.object({ intent: z.literal("cancel"), variantId: id }),
  z.object({ intent: z.literal("mark-published"), variantId: id, url: z.union([z.literal(""), z.url({ error: "Enter the post's full URL, or leave it empty" })]).optional() }),
]);

export const pauseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pause"), reason: z.string({ error: "Say why publishing is paused" }).trim().min(1, "Say why publishing is paused").max(500, "At most 500 characters") }),
  z.object({ intent: z.literal("resume") }),
]);
