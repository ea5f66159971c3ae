// What a person can do with a variant the worker could not finish, or that a pause held.
import { z } from "zod";
import { localDateTimeSchema } from "./calendar-dates";
import { optionalHttpUrlSchema } from "./http-url";
import { recordIdSchema, singleLineText } from "./text-input";

const id = recordIdSchema("Which variant?");

export const variantActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish-now"), variantId: id }),
  z.object({ intent: z.literal("reschedule"), variantId: id, at: localDateTimeSchema() }),
  z.object({ intent: z.literal("cancel"), variantId: id }),
  z.object({ intent: z.literal("mark-published"), variantId: id, url: optionalHttpUrlSchema("Enter the post's full URL, or leave it empty") }),
]);

export const pauseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pause"), reason: singleLineText({ max: 500, required: "Say why publishing is paused" }) }),
  z.object({ intent: z.literal("resume") }),
]);
