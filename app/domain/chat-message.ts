// A notification as a team-chat message, for an incoming webhook: Slack's (also understood by
// Mattermost and Rocket.Chat) or a Microsoft Teams Workflows webhook, which takes an Adaptive
// Card. Pure: the fan-out stores what this returns; the worker posts it.
import { z } from "zod";
import { httpUrlSchema } from "./http-url";

export const chatFormats = ["slack", "teams"] as const;
export type ChatFormat = (typeof chatFormats)[number];

export const chatWebhookSchema = z.object({
  url: httpUrlSchema("Paste the webhook's address (https://…)"),
  format: z.enum(chatFormats, { error: "Choose Slack or Teams" }),
});
export type ChatWebhook = z.infer<typeof chatWebhookSchema> & { locale: string };

// Slack's mrkdwn treats these three as control characters (its documented escaping).
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function chatPayload(format: ChatFormat, text: string, link: { url: string; label: string } | null): unknown {
  if (format === "slack") return { text: link ? `${slackEscape(text)} <${link.url}|${slackEscape(link.label)}>` : slackEscape(text) };
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [{ type: "TextBlock", text, wrap: true }],
          actions: link ? [{ type: "Action.OpenUrl", title: link.label, url: link.url }] : [],
        },
      },
    ],
  };
}
