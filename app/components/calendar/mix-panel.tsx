// The mix panel: per channel, a bar of category shares, the promotional share against
// the rule's limit, and the quiet gaps — a picture first, with the numbers for screen readers.
import { Link } from "@remix-run/react";
import { DateTime } from "luxon";
import type { ChannelMix } from "~/domain/mix-summary";
import { useI18n } from "~/i18n/use-i18n";
import { categoryColor } from "../category-colors";

type Props = { mix: ChannelMix[]; categoryIndex: Map<string, { index: number; label: string }>; zone: string; onePer: number; rulesLink: string };

export function MixPanel({ mix, categoryIndex, zone, onePer, rulesLink }: Props) {
  const { t, locale } = useI18n();
  const percent = (n: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(n);
  const day = (ms: number) => DateTime.fromMillis(ms, { zone }).setLocale(locale).toFormat("d LLL");
  return (
    <aside className="mix-panel" aria-labelledby="mix-heading">
      <h2 id="mix-heading">{t.mix.heading}</h2>
      <p>
        <Link to={rulesLink}>{t.mix.rules}</Link>
      </p>
      {mix.length === 0 ? <p className="muted">{t.mix.noChannels}</p> : null}
      {mix.map((channel) => (
        <section key={channel.channelId} className="mix-channel" aria-label={channel.name}>
          <h3>
            {channel.name} <span className="muted">· {t.mix.posts(channel.total)}</span>
          </h3>
          <div className="mix-bar" role="img" aria-label={channel.byCategory.map((c) => `${categoryIndex.get(c.id)?.label ?? c.label} ${percent(c.share)}`).join(", ") || t.mix.empty}>
            {channel.byCategory.map((c) => (
              <span key={c.id} style={{ width: `${c.share * 100}%`, background: categoryColor(categoryIndex.get(c.id)?.index ?? -1) }} title={`${categoryIndex.get(c.id)?.label ?? c.label}: ${c.count}`} />
            ))}
          </div>
          <div className="promo" aria-label={t.mix.promoLabel(percent(channel.promoShare), onePer)}>
            <div className="promo-track">
              <span className={`promo-fill${channel.overPromo ? " over" : ""}`} style={{ width: `${Math.min(1, channel.promoShare) * 100}%` }} />
              <span className="promo-limit" style={{ left: `${channel.promoLimit * 100}%` }} />
            </div>
            <small className={channel.overPromo ? "field-error" : "muted"}>{t.mix.promoText(percent(channel.promoShare), onePer, channel.overPromo)}</small>
          </div>
          {channel.gaps.length ? (
            <ul className="gaps">
              {channel.gaps.map((gap) => (
                <li key={gap.from}>{t.mix.gap(gap.days, day(gap.from), day(gap.to - 1))}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <ul className="legend" aria-label={t.mix.legend}>
        {[...categoryIndex].map(([id, c]) => (
          <li key={id}>
            <span className="swatch" style={{ background: categoryColor(c.index) }} /> {c.label}
          </li>
        ))}
      </ul>
    </aside>
  );
}
