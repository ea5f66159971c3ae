// The form that connects a channel: a network, a display name, and the fields the
// network's module asks for, each checked by that module's credential and settings
// schemas. Shared by the browser (checked as you type) and the action. Credentials are
// all or nothing: none makes a channel to plan for, to connect later; some must be the
// network's whole set.
import { z } from "zod";
import { singleLineText } from "../domain/text-input";
import { connectFields } from "./connect-fields";
import type { ConnectFieldName, NetworkModule } from "./network-module";
import { type NetworkKind, networkKinds, networkModules } from "./networks";

const fieldNames = Object.keys(connectFields) as ConnectFieldName[];

/** The fields whose values are never sent back to the browser. */
export const secretFieldNames = fieldNames.filter((name) => connectFields[name].input === "password");

/** The settings a channel of this network cannot do without (the instance, the Page…); credentials may come later. */
export const requiredSettings = (module: NetworkModule) => Object.keys(module.settings.shape).filter((key) => !module.settings.shape[key]!.safeParse(undefined).success);

export type ConnectedChannel = { network: NetworkKind; name: string; credentials: Record<string, string> | null; settings: Record<string, unknown> };

// Every field as it comes from the form; the network's module decides what it must be.
const asTyped = Object.fromEntries(fieldNames.map((name) => [name, z.string().max(4000, "At most 4000 characters").optional()])) as Record<ConnectFieldName, z.ZodOptional<z.ZodString>>;

/** The form's fields as they come, for the browser's constraints (required, lengths). */
export const connectChannelFields = z.object({ network: z.enum(networkKinds, { error: "Choose a network" }), name: singleLineText({ max: 100, required: "Enter a display name" }), ...asTyped });

export const connectChannelSchema = connectChannelFields.transform((form, ctx): ConnectedChannel => {
  const module = networkModules[form.network];
  const given = (holds: "credential" | "setting") =>
    Object.fromEntries(module.connection.fields.filter((name) => connectFields[name].holds === holds && form[name] !== undefined).map((name) => [name, form[name]]));
  const credentialInput = given("credential");
  const credentials = Object.keys(credentialInput).length ? module.credentials.safeParse(credentialInput) : null;
  const settings = module.settings.safeParse(given("setting"));
  for (const failed of [credentials, settings]) {
    for (const issue of failed?.success === false ? failed.error.issues : []) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  }
  if (credentials?.success === false || !settings.success) return z.NEVER;
  return { network: form.network, name: form.name, credentials: (credentials?.data as Record<string, string> | undefined) ?? null, settings: settings.data };
});
