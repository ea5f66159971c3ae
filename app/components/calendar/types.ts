import type { PostStatus } from "~/domain/post-gate";

export type CalendarPost = {
  id: string;
  title: string;
  category: string;
  campaignTag: string | null;
  status: PostStatus;
  scheduledAt: string;
  /** The channels that go out at this entry's time (a post whose channels go out at different times has an entry for each). */
  variants: { id: string; status: string; externalUrl: string | null; channelId: string; failureClass: string | null }[];
};
export type ChannelInfo = { id: string; name: string; network: string; enabled: boolean };
export type RuleBadge = { block: number; warn: number; messages: string[] };

/** Draws one post's card; the week grid adds where it goes (custom properties its stylesheet reads). */
export type RenderChip = (post: CalendarPost, style?: React.CSSProperties) => React.ReactNode;

/** A word about one post shown beside its first card (a refused move). */
export type PostNote = { postId: string; content: React.ReactNode };
