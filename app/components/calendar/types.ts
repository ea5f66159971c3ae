import type { PostStatus } from "~/domain/post-workflow";

export type CalendarPost = {
  id: string;
  title: string;
  category: string;
  campaignTag: string | null;
  status: PostStatus;
  scheduledAt: string;
  variants: { id: string; status: string; externalUrl: string | null; channelId: string }[];
};
export type ChannelInfo = { id: string; name: string; network: string; enabled: boolean };
export type RuleBadge = { block: number; warn: number; messages: string[] };
