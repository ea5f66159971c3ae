// The post editor: one idea, the channels it goes to, a variant per channel (prefilled
// from the main text until edited), each with a live counter against its network's limit
// and a preview; date and time in the workspace's zone with a choice on DST change days;
// repetition with its next dates; and the rules checked on the server as you type.
import { Form, useFetcher } from "@remix-run/react";
import { DateTime } from "luxon";
import { useEffect, useRef, useState } from "react";
import { checkSettingsOf, checkVariant } from "~/domain/channel-rules";
import type { Category } from "~/domain/mix-rules-settings";
import type { NetworkKind } from "~/channels/networks";
import { describeTimeZone } from "~/domain/time-zones";
import type { LocalizedViolation } from "~/domain/violations";
import { categoryLabel } from "~/i18n/category-label";
import { useI18n } from "~/i18n/use-i18n";
import { NetworkIcon } from "../network-icon";
import { ViolationList } from "../violation-list";
import { Alternates } from "./alternates";
import { type Repeat, RepetitionFields } from "./repetition-fields";
import { type EditorMedia, VariantMedia, mediaSrc } from "./variant-media";
import { VariantPreview } from "./variant-preview";

export type EditorChannel = { id: string; name: string; network: NetworkKind; enabled: boolean; settings: unknown };
export type EditorVariant = { channelId: string; text: string; link: string; media: string; attachments: EditorMedia[]; alternates: string[] };
export type EditorValues = {
  title: string;
  body: string;
  category: string;
  campaignTag: string;
  date: string;
  time: string;
  repeat: string;
  interval: string;
  byWeekday: string[];
  ends: string;
  until: string;
  count: string;
  missing: string;
  variants: EditorVariant[];
};
export type EditorResult =
  | { fieldErrors?: Record<string, string[]>; message?: string; dstChoice?: { earlier: string; later: string } | null; violations?: LocalizedViolation[]; consequences?: LocalizedViolation[] }
  | undefined;

type Props = {
  slug: string;
  postId: string | null;
  zone: string;
  zoneLabel: string;
  channels: EditorChannel[];
  categories: Category[];
  initial: EditorValues;
  /** The workspace's library, newest first, to pick from. */
  library: EditorMedia[];
  result: EditorResult;
  canSubmit: boolean;
  canSchedule: boolean;
  canOverride: boolean;
  /** Set when the post belongs to a series: the editor asks which of its posts a change reaches. */
  series: { number: number | null } | null;
};

export function PostEditor({ slug, postId, zone, zoneLabel, channels, categories, initial, library: initialLibrary, result, canSubmit, canSchedule, canOverride, series }: Props) {
  const { t, locale } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState(initial.body);
  const [selected, setSelected] = useState(initial.variants.map((v) => v.channelId));
  const [variants, setVariants] = useState<Record<string, EditorVariant & { edited: boolean }>>(() =>
    Object.fromEntries(initial.variants.map((v) => [v.channelId, { ...v, edited: v.text !== initial.body }])),
  );
  const [when, setWhen] = useState({ date: initial.date, time: initial.time });
  const [repeat, setRepeat] = useState<Repeat>({ repeat: initial.repeat, interval: initial.interval, byWeekday: initial.byWeekday, ends: initial.ends, until: initial.until, count: initial.count, missing: initial.missing });
  const [scope, setScope] = useState("this");
  const [library, setLibrary] = useState(initialLibrary);
  const [alts, setAlts] = useState<Record<string, string>>({});
  const check = useFetcher<{ violations: LocalizedViolation[]; consequences?: LocalizedViolation[]; dstChoice?: { earlier: string; later: string } | null; message?: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const errors = result?.fieldErrors ?? {};

  const variantFor = (channelId: string) => variants[channelId] ?? { channelId, text: body, link: "", media: "", attachments: [], alternates: [], edited: false };
  const scheduleCheck = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) check.submit(formRef.current, { method: "post", action: `/w/${slug}/posts/check${postId ? `?postId=${postId}` : ""}` });
    }, 400);
  };
  useEffect(() => {
    scheduleCheck();
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const violations = check.data?.violations ?? result?.violations ?? [];
  const consequences = check.data?.consequences ?? result?.consequences ?? [];
  const blocking = violations.filter((v) => v.severity === "block");
  const suggestedAt = violations.find((v) => v.suggestedAt !== null)?.suggestedAt ?? null;
  const applySuggestedTime = (at: number) => {
    const local = DateTime.fromMillis(at, { zone });
    setWhen({ date: local.toISODate()!, time: local.toFormat("HH:mm") });
    scheduleCheck();
  };
  // Channels still on the main text: the person writes each their own with one click.
  const following = selected.filter((id) => !variantFor(id).edited);
  const adapt = (channelId: string) => {
    const v = variantFor(channelId);
    setVariants((current) => ({ ...current, [channelId]: { ...v, edited: true } }));
    requestAnimationFrame(() => document.getElementById(`text-${channelId}`)?.focus());
  };
  const dstChoice = result?.dstChoice ?? check.data?.dstChoice ?? null;
  const formatInstant = (iso: string) => DateTime.fromISO(iso, { zone }).setLocale(locale).toFormat("d LLL yyyy, HH:mm ZZZZ");
  // The zone's offset on the chosen date, not today's (summer time shows as summer time).
  const chosen = DateTime.fromISO(`${when.date}T${when.time || "12:00"}`, { zone });
  const labelAt = chosen.isValid ? describeTimeZone(zone, chosen.toJSDate()) : zoneLabel;
  // A series' further texts matter where the edit reaches the series (or makes one).
  const seriesWide = series ? scope !== "this" : repeat.repeat !== "none";
  const errorFor = (name: string) =>
    errors[name]?.length ? (
      <p className="field-error" role="alert">
        {errors[name]!.join(" ")}
      </p>
    ) : null;

  return (
    <Form method="post" ref={formRef} className="editor" onChange={scheduleCheck} aria-describedby="editor-status">
      <div className="editor-main">
        {result?.message ? (
          <p className="form-error" role="alert">
            {result.message}
          </p>
        ) : null}
        <label>
          {t.editor.title}
          <input name="title" defaultValue={initial.title} required maxLength={200} aria-invalid={errors.title ? true : undefined} />
          {errorFor("title")}
        </label>
        <label>
          {t.editor.mainText}
          <textarea
            name="body"
            rows={5}
            value={body}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setBody(text);
              // Variants nobody edited follow the main text.
              setVariants((current) => Object.fromEntries(Object.entries(current).map(([id, v]) => [id, v.edited ? v : { ...v, text }])));
            }}
          />
        </label>
        <fieldset>
          <legend>{t.editor.channels}</legend>
          {channels.length === 0 ? <p className="muted">{t.editor.noChannels}</p> : null}
          <div className="checkbox-row">
            {channels.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(c.id)}
                  disabled={!c.enabled && !selected.includes(c.id)}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    setSelected((current) => (on ? [...current, c.id] : current.filter((id) => id !== c.id)));
                    if (on && !variants[c.id]) setVariants((current) => ({ ...current, [c.id]: { channelId: c.id, text: body, link: "", media: "", attachments: [], alternates: [], edited: false } }));
                  }}
                />
                <NetworkIcon network={c.network} />
                {c.name}
                {!c.enabled ? ` (${t.editor.disabled})` : ""}
              </label>
            ))}
          </div>
          {errorFor("variants")}
        </fieldset>
        {selected.map((channelId, i) => {
          const channel = channels.find((c) => c.id === channelId);
          if (!channel) return null;
          const v = variantFor(channelId);
          const measured = checkVariant(channel.network, { text: v.text, link: v.link, mediaUrls: v.media.split(/\s+/).filter(Boolean) }, checkSettingsOf(channel.settings));
          const update = (patch: Partial<EditorVariant>) => setVariants((current) => ({ ...current, [channelId]: { ...v, ...patch, edited: true } }));
          // Media is the channel's own without making its text stop following the main text.
          const setAttachments = (attachments: EditorMedia[]) => {
            setVariants((current) => ({ ...current, [channelId]: { ...variantFor(channelId), ...current[channelId], attachments } }));
            scheduleCheck();
          };
          const shown = v.attachments.map((item) => ({ src: item.kind === "VIDEO" ? null : mediaSrc(slug, item), alt: alts[item.id] ?? item.altText, name: item.fileName }));
          const counterId = `counter-${channelId}`;
          return (
            <section key={channelId} className="variant" aria-label={t.editor.variantFor(channel.name)}>
              <h3>{channel.name}</h3>
              <input type="hidden" name={`variants[${i}].channelId`} value={channelId} />
              <div className="variant-columns">
                <div className="stack">
                  <label>
                    {t.editor.textFor(channel.name)}
                    <textarea id={`text-${channelId}`} name={`variants[${i}].text`} rows={5} value={v.text} aria-describedby={counterId} onChange={(event) => update({ text: event.currentTarget.value })} />
                  </label>
                  {!v.edited && following.length > 1 ? (
                    <button type="button" className="link" onClick={() => adapt(channelId)}>
                      {t.editor.adaptFor(channel.name)}
                    </button>
                  ) : null}
                  <p id={counterId} className={`counter${measured.over ? " over" : ""}`} aria-live="polite">
                    {measured.limit === null ? t.editor.countNoLimit(measured.count, measured.unit[locale]) : t.editor.count(measured.count, measured.limit, measured.unit[locale])}
                  </p>
                  {measured.violations.map((violation, k) => (
                    <p key={k} className="field-error">
                      {violation.message[locale]}
                    </p>
                  ))}
                  {errorFor(`variants[${i}].text`)}
                  {errorFor(`variants[${i}].channelId`)}
                  <label>
                    {t.editor.link}
                    <input name={`variants[${i}].link`} type="url" value={v.link} onChange={(event) => update({ link: event.currentTarget.value })} placeholder="https://" />
                  </label>
                  {errorFor(`variants[${i}].link`)}
                  <label>
                    {t.editor.media}
                    <textarea name={`variants[${i}].media`} rows={2} value={v.media} onChange={(event) => update({ media: event.currentTarget.value })} placeholder="https://…/image.jpg" />
                  </label>
                  {errorFor(`variants[${i}].media`)}
                  <VariantMedia
                    slug={slug}
                    index={i}
                    items={v.attachments}
                    library={library}
                    alts={alts}
                    onItems={setAttachments}
                    onAlt={(mediaId, alt) => setAlts((current) => ({ ...current, [mediaId]: alt }))}
                    onUploaded={(item) => {
                      setLibrary((current) => [item, ...current]);
                      setVariants((current) => {
                        const now = current[channelId] ?? variantFor(channelId);
                        return { ...current, [channelId]: { ...now, attachments: [...now.attachments, item] } };
                      });
                      scheduleCheck();
                    }}
                  />
                  {errorFor(`variants[${i}].attachments`)}
                  {seriesWide ? <Alternates index={i} channelName={channel.name} texts={v.alternates} onChange={(alternates) => setVariants((current) => ({ ...current, [channelId]: { ...v, alternates } }))} /> : null}
                  {v.edited && v.text !== body ? (
                    <button type="button" className="link" onClick={() => setVariants((current) => ({ ...current, [channelId]: { ...v, text: body, edited: false } }))}>
                      {t.editor.resetToMain}
                    </button>
                  ) : null}
                </div>
                <VariantPreview network={channel.network} channelName={channel.name} text={v.text} link={v.link} mediaUrls={v.media.split(/\s+/).filter(Boolean)} media={shown} folded />
              </div>
            </section>
          );
        })}
      </div>
      <div className="editor-side">
        <label>
          {t.editor.category}
          <select name="category" defaultValue={initial.category} aria-invalid={errors.category ? true : undefined}>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryLabel(c, t)}
              </option>
            ))}
          </select>
          {errorFor("category")}
        </label>
        <label>
          {t.editor.campaignTag}
          <input name="campaignTag" defaultValue={initial.campaignTag} maxLength={100} />
        </label>
        <fieldset>
          <legend>{t.editor.when(labelAt)}</legend>
          <div className="inline">
            <label>
              {t.editor.date}
              <input type="date" name="date" value={when.date} onChange={(event) => setWhen({ ...when, date: event.currentTarget.value })} aria-invalid={errors.date ? true : undefined} />
            </label>
            <label>
              {t.editor.time}
              <input type="time" name="time" value={when.time} onChange={(event) => setWhen({ ...when, time: event.currentTarget.value })} aria-invalid={errors.time ? true : undefined} />
            </label>
          </div>
          {errorFor("date")}
          {errorFor("time")}
          {dstChoice ? (
            <fieldset className="dst-choice">
              <legend>{t.editor.dstQuestion}</legend>
              <label className="check">
                <input type="radio" name="dst" value="earlier" required /> {formatInstant(dstChoice.earlier)}
              </label>
              <label className="check">
                <input type="radio" name="dst" value="later" required /> {formatInstant(dstChoice.later)}
              </label>
            </fieldset>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t.editor.repeat}</legend>
          <RepetitionFields repeat={repeat} onChange={setRepeat} when={when} zone={zone} errorFor={errorFor} countedBefore={series?.number ? series.number - 1 : 0} />
        </fieldset>
        <section className="rule-check" aria-labelledby="rules-heading">
          <h2 id="rules-heading">{t.editor.rulesHeading}</h2>
          <div id="editor-status" role="status" aria-live="polite">
            {check.state !== "idle" ? <p className="muted">{t.editor.checking}</p> : null}
            {violations.length === 0 ? <p className="ok">{t.editor.noViolations}</p> : null}
          </div>
          <ViolationList violations={violations} slug={slug} zone={zone} selfId={postId} />
          {suggestedAt !== null ? (
            <button type="button" className="secondary" onClick={() => applySuggestedTime(suggestedAt)}>
              {t.editor.useSuggestedTime(DateTime.fromMillis(suggestedAt, { zone }).setLocale(locale).toFormat("ccc d LLL, HH:mm"))}
            </button>
          ) : null}
          {consequences.length ? (
            <>
              <p>{t.editor.consequences}</p>
              <ViolationList violations={consequences} slug={slug} zone={zone} selfId={postId} />
            </>
          ) : null}
          {blocking.length && canOverride ? (
            <label>
              {t.editor.overrideReason}
              <textarea name="overrideReason" rows={2} maxLength={500} />
              {errorFor("overrideReason")}
            </label>
          ) : null}
        </section>
        {series ? (
          <fieldset className="edit-scope">
            <legend>{t.series.scopeLegend}</legend>
            {(["this", "following", "all"] as const).map((value) => (
              <label key={value} className="check">
                <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} /> {t.series.scope[value]}
              </label>
            ))}
            <p className="muted">{t.series.scopeHint}</p>
            {errorFor("scope")}
          </fieldset>
        ) : null}
        <div className="editor-actions">
          <button type="submit" name="intent" value="save" className="secondary">
            {t.editor.saveDraft}
          </button>
          {canSubmit ? (
            <button type="submit" name="intent" value="submit">
              {t.editor.submit}
            </button>
          ) : null}
          {canSchedule ? (
            <button type="submit" name="intent" value="schedule" className="secondary">
              {t.editor.schedule}
            </button>
          ) : null}
        </div>
      </div>
    </Form>
  );
}
