// "All my brands": the person's week across every workspace they belong to (and only
// those), each brand in its colour, each time in the brand's zone and in the person's own;
// and pausing or resuming several brands at once, each through the same model function as
// its own pause page. Decision 0052.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { BrandPauseForm, type PauseResult } from "~/components/all-brands/brand-pause-form";
import { BrandWeek } from "~/components/all-brands/brand-week";
import { FilterSelect } from "~/components/filter-select";
import { LanguageForm } from "~/components/locale-select";
import { type BulkPauseOutcome, allBrandsPerDay, allBrandsQueryOf, allBrandsViews, brandColours, bulkPauseSchema, personZoneCookie, zoneCity } from "~/domain/all-brands";
import { calendarRange } from "~/domain/calendar-range";
import { can, needsTwoFactorFirst } from "~/domain/permissions";
import { postStatuses } from "~/domain/post-gate";
import { networkKinds, networkName } from "~/channels/networks";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { brandPostsInRange, listBrandsOf } from "~/models/all-brands.server";
import { pauseWorkspace, resumeWorkspace } from "~/models/scheduling.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { personZone } from "~/utils/person-zone.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.allBrands.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = allBrandsQueryOf(new URL(request.url).searchParams);
  const { zone, known } = personZone(request);
  const range = calendarRange("week", query.date, zone);
  const brands = await listBrandsOf(user.id);
  const colours = brandColours(brands.map((b) => b.id));
  // What each brand's own calendar would let this person read, and nothing else.
  const readable = brands.filter((b) => can(b.role, "post:read") && !needsTwoFactorFirst(b.role, b.ownersNeedTwoFactor, user.twoFactor));
  const shown = query.brand.length ? readable.filter((b) => query.brand.includes(b.id)) : readable;
  const posts = await brandPostsInRange(user.id, shown.map((b) => b.id), zone, range, query.view, query);
  const more: Record<string, number> = {};
  for (const post of posts) if (post.dayTotal > allBrandsPerDay[query.view]) more[post.day] = post.dayTotal - allBrandsPerDay[query.view];
  return {
    user: { name: user.name },
    zone,
    zoneKnown: known,
    query,
    range: { days: range.days, previous: range.previous, next: range.next, today: range.today },
    brands: brands.map((b) => ({
      id: b.id,
      name: b.name,
      slug: b.slug,
      timeZone: b.timeZone,
      role: b.role,
      colour: colours[b.id]!,
      paused: b.pausedAt !== null,
      twoFactorFirst: needsTwoFactorFirst(b.role, b.ownersNeedTwoFactor, user.twoFactor),
      mayPause: can(b.role, "workspace:pause"),
    })),
    posts: posts.map(({ dayTotal: _total, ...p }) => ({ ...p, scheduledAt: p.scheduledAt.toISOString() })),
    more,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = bulkPauseSchema.safeParse({ intent: form.get("intent"), reason: form.get("reason") ?? undefined, brand: form.getAll("brand") });
  if (!parsed.success) return data({ error: parsed.error.issues.map((i) => i.message).join(" "), outcomes: [] }, { status: 400 });
  const brands = new Map((await listBrandsOf(user.id)).map((b) => [b.id, b]));
  const outcomes: PauseResult[] = [];
  // One brand after another, each through the pause page's own model function: the worker's
  // flag, the activity log and the "publishing paused/resumed" notices are the same.
  for (const id of new Set(parsed.data.brand)) {
    const brand = brands.get(id);
    let outcome: BulkPauseOutcome;
    if (!brand) outcome = "not-a-member";
    else if (needsTwoFactorFirst(brand.role, brand.ownersNeedTwoFactor, user.twoFactor)) outcome = "two-factor-first";
    else if (!can(brand.role, "workspace:pause")) outcome = "not-allowed";
    else if (parsed.data.intent === "pause") {
      if (brand.pausedAt) outcome = "already-paused";
      else {
        await pauseWorkspace(brand.id, user.id, parsed.data.reason);
        outcome = "paused";
      }
    } else if (!brand.pausedAt) outcome = "not-paused";
    else {
      await resumeWorkspace(brand.id, user.id);
      outcome = "resumed";
    }
    // A brand the person does not belong to is not named back (its existence is not revealed).
    outcomes.push({ id, name: brand?.name ?? null, slug: brand?.slug ?? null, outcome });
  }
  const refused = (o: PauseResult) => o.outcome === "not-allowed" || o.outcome === "two-factor-first" || o.outcome === "not-a-member";
  return data({ error: null, outcomes }, { status: outcomes.every(refused) ? 403 : 200 });
}

export default function AllBrands() {
  const { user, zone, zoneKnown, query, range, brands, posts, more } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const location = useLocation();
  const revalidator = useRevalidator();
  // The server learns the browser's zone from a cookie the page writes; once, then it knows.
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const written = document.cookie.split("; ").some((c) => c === `${personZoneCookie}=${encodeURIComponent(browserZone)}`);
    if (!browserZone || written) return;
    document.cookie = `${personZoneCookie}=${encodeURIComponent(browserZone)}; path=/; max-age=31536000; samesite=lax`;
    revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) params.delete(key);
      else params.set(key, value);
    }
    return `?${params}`;
  };
  const first = range.days[0]!;
  const last = range.days.at(-1)!;
  const dayAt = (day: string) => `${day}T12:00:00Z`;
  return (
    <>
      <header className="topbar">
        <Link className="brand" to="/workspaces">
          Rytm
        </Link>
        <span className="spacer" />
        <LanguageForm />
        <span className="muted">{user.name}</span>
        <Link to="/account">{t.account.page.menu}</Link>
      </header>
      <main className="page all-brands" id="main">
        <h1>{t.allBrands.title}</h1>
        <p>{t.allBrands.intro(zoneCity(zone))}</p>
        {zoneKnown ? null : <p className="muted">{t.allBrands.zoneUnknown}</p>}
        {brands.length === 0 ? <p>{t.allBrands.noBrands}</p> : null}
        <div className="toolbar">
          <Link to={link({ date: range.previous })}>← {t.allBrands.previous}</Link>
          <strong>{t.allBrands.week(formatDate(dayAt(first), "UTC", locale), formatDate(dayAt(last), "UTC", locale))}</strong>
          <Link to={link({ date: range.next })}>{t.allBrands.next} →</Link>
          {range.today < first || range.today > last ? <Link to={link({ date: undefined })}>{t.allBrands.thisWeek}</Link> : null}
          <nav aria-label={t.allBrands.views} className="view-switch">
            {allBrandsViews.map((view) => (
              <Link key={view} to={link({ view })} aria-current={query.view === view ? "page" : undefined}>
                {t.allBrands.view[view]}
              </Link>
            ))}
          </nav>
        </div>
        <Form method="get" className="brand-filters" aria-label={t.allBrands.filters}>
          <input type="hidden" name="view" value={query.view} />
          {query.date ? <input type="hidden" name="date" value={query.date} /> : null}
          <fieldset>
            <legend>{t.allBrands.brands}</legend>
            <p className="muted">{t.allBrands.legendHint}</p>
            <ul className="brand-legend">
              {brands.map((b) => (
                <li key={b.id}>
                  <label className="check">
                    <input type="checkbox" name="brand" value={b.id} defaultChecked={query.brand.includes(b.id)} disabled={b.twoFactorFirst} />
                    <span className="brand-swatch" style={{ background: b.colour }} aria-hidden="true" />
                    <span>
                      {b.name} <span className="muted">({zoneCity(b.timeZone)} · {t.allBrands.role(t.roles[b.role])}{b.paused ? ` · ${t.allBrands.paused}` : ""})</span>
                      {b.twoFactorFirst ? (
                        <>
                          {" "}
                          <Link to={`/account/two-factor?${new URLSearchParams({ workspace: b.slug, redirectTo: "/calendar" })}`}>{t.allBrands.twoFactorFirst}</Link>
                        </>
                      ) : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <FilterSelect label={t.allBrands.state} name="status" value={query.status} any={t.allBrands.any} options={postStatuses.map((s) => ({ value: s, label: t.status[s] }))} />
          <FilterSelect label={t.allBrands.channel} name="network" value={query.network} any={t.allBrands.any} options={networkKinds.map((n) => ({ value: n, label: networkName(n) }))} />
          <div className="inline">
            <button type="submit">{t.allBrands.apply}</button>
            <Link to={`?view=${query.view}${query.date ? `&date=${query.date}` : ""}`}>{t.allBrands.showAll}</Link>
          </div>
        </Form>
        <BrandWeek view={query.view} days={range.days} today={range.today} zone={zone} brands={brands} posts={posts} more={more} />
        <BrandPauseForm brands={brands} result={result ?? null} />
      </main>
    </>
  );
}
