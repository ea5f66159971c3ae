// A person's notification settings: per kind how they hear of it (notifications.ts), and when
// their daily digest comes (an hour in a time zone). Stored as JSON on the account; whatever
// is stored, reading it never fails: what does not parse counts as the default.
import { z } from "zod";
import { type DeliveryChoice, type NotificationKind, defaultChoices, deliveryChoices, notificationKinds } from "./notifications";
import { isTimeZone } from "./time-zones";

const choice = z.enum(deliveryChoices);

export const notificationSettingsSchema = z.object({
  kinds: z.partialRecord(z.enum(notificationKinds), choice).default({}),
  digestHour: z.number().int().min(0).max(23).default(8),
  timeZone: z.string().refine(isTimeZone).default("UTC"),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export function readNotificationSettings(stored: unknown): NotificationSettings {
  const parsed = notificationSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : notificationSettingsSchema.parse({});
}

export const choiceFor = (settings: NotificationSettings, kind: NotificationKind): DeliveryChoice => settings.kinds[kind] ?? defaultChoices[kind];

/** The preferences form: one select per kind (`kind.<kind>`), the digest's hour and zone. */
export const notificationSettingsForm = z.object({
  kind: z.object(Object.fromEntries(notificationKinds.map((k) => [k, choice])) as Record<NotificationKind, typeof choice>),
  digestHour: z.coerce.number({ error: "Choose an hour" }).int().min(0, "Choose an hour").max(23, "Choose an hour"),
  timeZone: z.string({ error: "Choose a time zone" }).refine(isTimeZone, "Choose a time zone from the list"),
});

/** The settings after one kind's mails are turned off by an unsubscribe link (the bell keeps it). */
export function withoutMail(settings: NotificationSettings, kind: NotificationKind): NotificationSettings {
  const current = choiceFor(settings, kind);
  return current === "email" || current === "digest" ? { ...settings, kinds: { ...settings.kinds, [kind]: "in-app" } } : settings;
}
