// The workspace's mix rules: every member can read them; owners change them, after a
// preview of what the change would do to the next 30 days of the plan.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { useState } from "react";
import { ViolationList } from "~/components/violation-list";
import { formFromRules, mixRulesFormSchema, rulesFromForm } from "~/domain/mix-rules-form";
import { mixRulesSchema, severities } from "~/domain/mix-rules-settings";
import { can } from "~/domain/permissions";
import { localizeViolations } from "~/domain/violations";
import { categoryLabel, storedCategoryLabel } from "~/i18n/category-label";
import { messages } from "~/i18n/messages";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { type BlockedPost, postsBlockedUnder, saveMixRules } from "~/models/mix-rules.server";
import { loadRuleSettings } from "~/models/plan-check.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.rules.heading);

const PREVIEW_DAYS = 30;

const blockedAnswer = (posts: BlockedPost[], locale: "en" | "pl") =>
  posts.map((p) => ({ postId: p.postId, title: p.title, at: p.at.toISOString(), status: p.status, violations: localizeViolations(p.violations, locale) }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "post:read");
  const { rules } = await loadRuleSettings(workspace.id);
  const locale = await localeOf(request);
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone },
    values: formFromRules(rules),
    canEdit: can(role, "workspace:update"),
    blockedNow: blockedAnswer(await postsBlockedUnder(workspace.id, rules, PREVIEW_DAYS), locale),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:update");
  const submission = parseWithZod(await request.formData(), { schema: mixRulesFormSchema });
  if (submission.status !== "success") {
    return data({ saved: false, preview: null, errors: Object.fromEntries(Object.entries(submission.error ?? {}).map(([k, v]) => [k, v ?? []])) }, { status: 400 });
  }
  const form = submission.value;
  const rules = rulesFromForm({ ...form, categories: form.categories.map((c) => ({ ...c, label: storedCategoryLabel(c, Object.values(messages)) })) });
  const preview = blockedAnswer(await postsBlockedUnder(workspace.id, rules, PREVIEW_DAYS), await localeOf(request));
  if (form.intent === "save") await saveMixRules(workspace.id, user.id, mixRulesSchema.parse(rules));
  return { saved: form.intent === "save", preview, errors: {} as Record<string, string[]> };
}

export default function Rules() {
  const { workspace, values, canEdit, blockedNow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [categories, setCategories] = useState(values.categories);
  const errors = result?.errors ?? {};
  const when = (iso: string) => DateTime.fromISO(iso, { zone: workspace.timeZone }).setLocale(locale).toFormat("ccc d LLL, HH:mm");
  const severity = (name: keyof typeof values, label: string) => (
    <label>
      {label}
      <select name={name} defaultValue={String(values[name])} disabled={!canEdit}>
        {severities.map((s) => (
          <option key={s} value={s}>
            {t.rules.severity[s]}
          </option>
        ))}
      </select>
    </label>
  );
  const number = (name: keyof typeof values, label: string, min: number, max: number, optional = false) => (
    <label>
      {label}
      <input type="number" name={name} min={min} max={max} defaultValue={String(values[name])} required={!optional} disabled={!canEdit} aria-invalid={errors[name] ? true : undefined} />
      {errors[name]?.length ? (
        <span className="field-error" role="alert">
          {errors[name]!.join(" ")}
        </span>
      ) : null}
    </label>
  );
  const blockedList = (posts: typeof blockedNow, heading: string) => (
    <section aria-label={heading}>
      <h3>{heading}</h3>
      {posts.length === 0 ? <p className="ok">{t.rules.noneBlocked}</p> : null}
      <ul className="cards">
        {posts.map((p) => (
          <li key={p.postId} className="card">
            <Link to={`/w/${workspace.slug}/posts/${p.postId}`}>{p.title}</Link> <span className="muted">{when(p.at)}</span>
            <ViolationList violations={p.violations} slug={workspace.slug} zone={workspace.timeZone} selfId={p.postId} />
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <main className="page">
      <h1>{t.rules.heading}</h1>
      <p>{t.rules.intro}</p>
      {canEdit ? null : <p className="muted">{t.rules.readOnly}</p>}
      <Form method="post" className="stack rules-form">
        <fieldset>
          <legend>{t.rules.selfPromotion}</legend>
          <p className="muted">{t.rules.selfPromotionHelp}</p>
          {severity("selfPromotionSeverity", t.rules.whenBroken)}
          {number("selfPromotionOnePer", t.rules.onePer, 2, 50)}
          {number("selfPromotionSharePercent", t.rules.sharePercent, 1, 100, true)}
          {number("selfPromotionShareDays", t.rules.shareDays, 1, 90, true)}
        </fieldset>
        <fieldset>
          <legend>{t.rules.duplicates}</legend>
          <p className="muted">{t.rules.duplicatesHelp}</p>
          {severity("duplicatesSameChannel", t.rules.sameChannel)}
          {severity("duplicatesOtherChannels", t.rules.otherChannels)}
          {severity("duplicatesWithinPost", t.rules.withinPost)}
          {number("duplicatesWindowDays", t.rules.windowDays, 1, 3650)}
          {severity("duplicatesNearSeverity", t.rules.near)}
          {number("duplicatesNearPercent", t.rules.nearPercent, 50, 100)}
        </fieldset>
        <fieldset>
          <legend>{t.rules.offers}</legend>
          {severity("offersSeverity", t.rules.whenBroken)}
          {number("offersPerWeek", t.rules.perWeek, 0, 50)}
        </fieldset>
        <fieldset>
          <legend>{t.rules.dailyCap}</legend>
          {severity("dailyCapSeverity", t.rules.whenBroken)}
          {number("dailyCapPerDay", t.rules.perDay, 1, 100)}
        </fieldset>
        <fieldset>
          <legend>{t.rules.spacing}</legend>
          {severity("spacingSeverity", t.rules.whenBroken)}
          {number("spacingMinutes", t.rules.minutes, 0, 1440)}
        </fieldset>
        <fieldset>
          <legend>{t.rules.quietChannel}</legend>
          {severity("quietChannelSeverity", t.rules.whenBroken)}
          {number("quietChannelDays", t.rules.days, 1, 365)}
        </fieldset>
        <fieldset>
          <legend>{t.rules.categories}</legend>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.rules.categoryName}</th>
                <th scope="col">{t.rules.promotional}</th>
                <th scope="col">{t.rules.offer}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr key={c.id}>
                  <td>
                    <input type="hidden" name={`categories[${i}].id`} value={c.id} />
                    <input name={`categories[${i}].label`} defaultValue={categoryLabel(c, t)} aria-label={t.rules.categoryNameOf(c.id)} maxLength={60} required disabled={!canEdit} />
                  </td>
                  <td>
                    <input type="checkbox" name={`categories[${i}].promotional`} defaultChecked={c.promotional} aria-label={t.rules.promotionalOf(c.id)} disabled={!canEdit} />
                  </td>
                  <td>
                    <input type="checkbox" name={`categories[${i}].offer`} defaultChecked={c.offer} aria-label={t.rules.offerOf(c.id)} disabled={!canEdit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit ? (
            <button
              type="button"
              className="link"
              onClick={() => setCategories((list) => [...list, { id: `category-${list.length + 1}`, label: "", promotional: false, offer: false }])}
            >
              {t.rules.addCategory}
            </button>
          ) : null}
          {errors.categories?.length ? (
            <p className="field-error" role="alert">
              {errors.categories.join(" ")}
            </p>
          ) : null}
        </fieldset>
        {canEdit ? (
          <div className="inline">
            <button type="submit" name="intent" value="preview" className="secondary">
              {t.rules.preview}
            </button>
            <button type="submit" name="intent" value="save">
              {t.rules.save}
            </button>
          </div>
        ) : null}
      </Form>
      {result?.saved ? <p role="status">{t.rules.saved}</p> : null}
      {result?.preview ? (
        <section role="status" aria-live="polite">
          <h2>{t.rules.previewHeading(result.preview.length, PREVIEW_DAYS, result.saved)}</h2>
          {blockedList(result.preview, t.rules.withThese)}
        </section>
      ) : null}
      <h2>{t.rules.nowHeading(blockedNow.length, PREVIEW_DAYS)}</h2>
      {blockedList(blockedNow, t.rules.now)}
    </main>
  );
}
