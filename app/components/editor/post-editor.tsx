// The post editor: one idea, the channels it goes to, a variant per channel (prefilled
// from the main text until edited), each with a live counter against its network's limit
// and a preview; date and time in the workspace's zone with a choice on DST change days;
// repetition with its next dates; and the rules checked on the server as you type.
import { Form, useFetcher } from "@remix-run/react";
import { DateTime } from "luxon";
import { useEffect, useRef, useState } from "react";
import { channelSettingsSchema, checkVariant } from "~/domain/channel-rules";
import type { Category } from "~/domain/mix-rules-settings";
import type { NetworkKind } from "~/domain/networks";
import { occurrences, toRRule, weekdays } from "~/domain/recurrence";
import type { LocalizedViolation } from "~/domain/violations";
import { categoryLabel } from "~/i18n/category-label";
import { useI18n } from "~/i18n/use-i18n";
import { ViolationList } from "../violation-list";
import { VariantPreview } from "./variant-preview";

export type EditorChannel = { id: string; name: string; network: NetworkKind; enabled: boolean; settings: unknown };
export type EditorVariant = { channelId: string; text: string; link: string; media: string };
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
  result: EditorResult;
  canSchedule: boolean;
  canOverride: boolean;
  isSeriesOccurrence: boolean;
};

const foldAt: Partial<Record<NetworkKind, number>> = { linkedin: 210, facebook: 480, instagram: 125 };

export function PostEditor({ slug, postId, zone, zoneLabel, channels, categories, initial, result, canSchedule, canOverride, isSeriesOccurrence }: Props) {
  const { t, locale } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState(initial.body);
  const [selected, setSelected] = useState(initial.variants.map((v) => v.channelId));
  const [variants, setVariants] = useState<Record<string, EditorVariant & { edited: boolean }>>(() =>
    Object.fromEntries(initial.variants.map((v) => [v.channelId, { ...v, edited: v.text !== initial.body }])),
  );
  const [when, setWhen] = useState({ date: initial.date, time: initial.time });
  const [repeat, setRepeat] = useState({ repeat: initial.repeat, interval: initial.interval, byWeekday: initial.byWeekday, ends: initial.ends, until: initial.until, count: initial.count });
  const check = useFetcher<{ violations: LocalizedViolation[]; consequences?: LocalizedViolation[]; dstChoice?: { earlier: string; later: string } | null; message?: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const errors = result?.fieldErrors ?? {};

  const variantFor = (channelId: string) => variants[channelId] ?? { channelId, text: body, link: "", media: "", edited: false };
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
  const next = nextOccurrences(repeat, when, zone);
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
                    if (on && !variants[c.id]) setVariants((current) => ({ ...current, [c.id]: { channelId: c.id, text: body, link: "", media: "", edited: false } }));
                  }}
                />
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
          const settings = channelSettingsSchema.safeParse(channel.settings ?? {});
          const measured = checkVariant(channel.network, { text: v.text, link: v.link, mediaUrls: v.media.split(/\s+/).filter(Boolean) }, settings.success ? settings.data : {});
          const update = (patch: Partial<EditorVariant>) => setVariants((current) => ({ ...current, [channelId]: { ...v, ...patch, edited: true } }));
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
                  {v.edited && v.text !== body ? (
                    <button type="button" className="link" onClick={() => setVariants((current) => ({ ...current, [channelId]: { ...v, text: body, edited: false } }))}>
                      {t.editor.resetToMain}
                    </button>
                  ) : null}
                </div>
                <VariantPreview network={channel.network} channelName={channel.name} text={v.text} link={v.link} mediaUrls={v.media.split(/\s+/).filter(Boolean)} truncateAt={foldAt[channel.network]} />
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
          <legend>{t.editor.when(zoneLabel)}</legend>
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
        <fieldset disabled={isSeriesOccurrence}>
          <legend>{t.editor.repeat}</legend>
          {isSeriesOccurrence ? <p className="muted">{t.editor.occurrenceNote}</p> : null}
          <label>
            {t.editor.repeats}
            <select name="repeat" value={repeat.repeat} onChange={(event) => setRepeat({ ...repeat, repeat: event.currentTarget.value })}>
              {(["none", "daily", "weekly", "monthly", "yearly"] as const).map((f) => (
                <option key={f} value={f}>
                  {t.editor.frequency[f]}
                </option>
              ))}
            </select>
          </label>
          {repeat.repeat !== "none" ? (
            <>
              <label>
                {t.editor.every}
                <input type="number" name="interval" min={1} max={99} value={repeat.interval} onChange={(event) => setRepeat({ ...repeat, interval: event.currentTarget.value })} />
              </label>
              {repeat.repeat === "weekly" ? (
                <fieldset>
                  <legend>{t.editor.onDays}</legend>
                  <div className="checkbox-row">
                    {weekdays.map((d) => (
                      <label key={d} className="check">
                        <input
                          type="checkbox"
                          name="byWeekday"
                          value={d}
                          checked={repeat.byWeekday.includes(d)}
                          onChange={(event) => {
                            const on = event.currentTarget.checked;
                            setRepeat({ ...repeat, byWeekday: on ? [...repeat.byWeekday, d] : repeat.byWeekday.filter((x) => x !== d) });
                          }}
                        />
                        {t.editor.weekday[d]}
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : null}
              <label>
                {t.editor.ends}
                <select name="ends" value={repeat.ends} onChange={(event) => setRepeat({ ...repeat, ends: event.currentTarget.value })}>
                  <option value="never">{t.editor.endsNever}</option>
                  <option value="until">{t.editor.endsOn}</option>
                  <option value="count">{t.editor.endsAfter}</option>
                </select>
              </label>
              {repeat.ends === "until" ? (
                <label>
                  {t.editor.endDate}
                  <input type="date" name="until" value={repeat.until} onChange={(event) => setRepeat({ ...repeat, until: event.currentTarget.value })} />
                  {errorFor("until")}
                </label>
              ) : null}
              {repeat.ends === "count" ? (
                <label>
                  {t.editor.times}
                  <input type="number" name="count" min={1} max={1000} value={repeat.count} onChange={(event) => setRepeat({ ...repeat, count: event.currentTarget.value })} />
                  {errorFor("count")}
                </label>
              ) : null}
              {next.length ? (
                <div>
                  <p className="muted">{t.editor.nextDates}</p>
                  <ol className="next-dates">
                    {next.map((d) => (
                      <li key={d.toISOString()}>{DateTime.fromJSDate(d, { zone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm")}</li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </>
          ) : null}
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
        <div className="editor-actions">
          <button type="submit" name="intent" value="save" className="secondary">
            {t.editor.saveDraft}
          </button>
          <button type="submit" name="intent" value="submit">
            {t.editor.submit}
          </button>
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

type Repeat = { repeat: string; interval: string; byWeekday: string[]; ends: string; until: string; count: string };

function nextOccurrences(repeat: Repeat, when: { date: string; time: string }, zone: string): Date[] {
  if (repeat.repeat === "none" || !when.date || !when.time) return [];
  const first = DateTime.fromISO(`${when.date}T${when.time}`, { zone });
  if (!first.isValid) return [];
  try {
    const rule = toRRule({
      freq: repeat.repeat as "daily",
      interval: Number(repeat.interval) || 1,
      byWeekday: repeat.repeat === "weekly" && repeat.byWeekday.length ? (repeat.byWeekday as (typeof weekdays)[number][]) : undefined,
      until: repeat.ends === "until" && repeat.until ? repeat.until : undefined,
      count: repeat.ends === "count" && Number(repeat.count) > 0 ? Number(repeat.count) : undefined,
    });
    return occurrences(rule, first.toJSDate(), zone, first.toJSDate(), first.plus({ years: 2 }).toJSDate()).slice(0, 5);
  } catch {
    return [];
  }
}
