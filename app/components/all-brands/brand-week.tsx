// The person's week across their brands: seven days side by side (a list: one day under
// another, one row per post). Below 768 px both read as an agenda (CSS), days without posts
// left out. Every post says its brand (name and colour) and its time twice: in the brand's
// zone and in the person's.
import { Link } from "@remix-run/react";
import type { CSSProperties } from "react";
import type { AllBrandsView } from "~/domain/all-brands";
import { zoneCity } from "~/domain/all-brands";
import type { PostStatus } from "~/domain/post-gate";
import { useI18n } from "~/i18n/use-i18n";
import { formatDate, formatTime } from "~/utils/dates";

type Brand = { id: string; name: string; slug: string; timeZone: string; colour: string };
type Post = { id: string; workspaceId: string; title: string; status: PostStatus; scheduledAt: string; day: string; channels: { name: string }[] };

export function BrandWeek({ view, days, today, zone, brands, posts, more }: { view: AllBrandsView; days: string[]; today: string; zone: string; brands: Brand[]; posts: Post[]; more: Record<string, number> }) {
  const { t, locale } = useI18n();
  const byId = new Map(brands.map((b) => [b.id, b]));
  const byDay = new Map<string, Post[]>();
  for (const post of posts) byDay.set(post.day, [...(byDay.get(post.day) ?? []), post]);
  return (
    <section className={`brand-week view-${view}`} aria-label={t.allBrands.calendar}>
      {posts.length === 0 ? <p className="brand-week-empty">{t.allBrands.nothingThisWeek}</p> : null}
      {days.map((day) => {
        const dayPosts = byDay.get(day) ?? [];
        const label = formatDate(`${day}T12:00:00Z`, "UTC", locale);
        return (
          <section key={day} className={`brand-day${dayPosts.length ? "" : " empty"}${day === today ? " today" : ""}`} aria-label={t.allBrands.day(label, dayPosts.length + (more[day] ?? 0))}>
            <h2 className="brand-day-head">{label}</h2>
            {dayPosts.length ? (
              <ol className="brand-posts">
                {dayPosts.map((post) => {
                  const brand = byId.get(post.workspaceId)!;
                  const otherDay = formatDate(post.scheduledAt, brand.timeZone, locale) !== formatDate(post.scheduledAt, zone, locale);
                  return (
                    <li key={`${post.id}-${post.scheduledAt}`} className="brand-post" style={{ "--brand": brand.colour } as CSSProperties}>
                      <span className="brand-chip">{brand.name}</span>
                      <span className="brand-times">{t.allBrands.time(formatTime(post.scheduledAt, brand.timeZone, locale, otherDay), zoneCity(brand.timeZone), formatTime(post.scheduledAt, zone, locale))}</span>
                      <Link to={`/w/${brand.slug}/posts/${post.id}`} className="brand-post-title">
                        {post.title}
                      </Link>
                      <span className="muted brand-post-meta">
                        {t.status[post.status]} · {post.channels.length ? post.channels.map((c) => c.name).join(", ") : t.allBrands.noChannel}
                      </span>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p className="muted brand-day-nothing">{t.allBrands.nothing}</p>
            )}
            {more[day] ? <p className="muted">{t.allBrands.more(more[day]!)}</p> : null}
          </section>
        );
      })}
    </section>
  );
}
