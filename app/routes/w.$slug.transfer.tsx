// CSV import (check first, then import as drafts) and CSV export of a date range.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateTime } from "luxon";
import { localizeViolations } from "~/domain/violations";
import { useI18n } from "~/i18n/use-i18n";
import { MAX_IMPORT_BYTES, importPlan, previewImport } from "~/models/plan-import.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

const PREVIEW_ROWS = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:write");
  const today = DateTime.now().setZone(workspace.timeZone);
  return { workspace: { slug: workspace.slug, timeZone: workspace.timeZone }, from: today.toISODate()!, to: today.plus({ days: 27 }).toISODate()! };
}

type Answer = {
  stage: "preview" | "imported" | "error";
  error: string | null;
  content: string;
  rows: { row: number; at: number; channel: string; category: string; text: string; violations: { severity: string; message: string }[] }[];
  total: number;
  problems: { row: number; column: string | null; message: string }[];
  imported: number;
};
const answer = (partial: Partial<Answer>, status = 200) => data<Answer>({ stage: "error", error: null, content: "", rows: [], total: 0, problems: [], imported: 0, ...partial }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "post:write");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES * 2 + 100_000) return answer({ error: `The file is too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB).` }, 413);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const file = formData.get("file");
  const content = intent === "import" ? String(formData.get("content") ?? "") : file instanceof File ? await file.text() : "";
  if (!content.trim()) return answer({ error: "Choose a CSV file." }, 400);
  if (content.length > MAX_IMPORT_BYTES) return answer({ error: `The file is too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB).` }, 413);
  if (intent === "import") {
    const result = await importPlan(workspace, user.id, content);
    if (!result.ok) return answer({ stage: "preview", content, problems: result.problems, error: "The file has problems; nothing was imported." }, 422);
    return answer({ stage: "imported", imported: result.posts });
  }
  const preview = await previewImport(workspace, content);
  const locale = await localeOf(request);
  const byRow = new Map<number, { severity: string; message: string }[]>();
  for (const v of localizeViolations(preview.violations, locale)) {
    const row = Number(v.postIds[0]?.slice(4));
    byRow.set(row, [...(byRow.get(row) ?? []), { severity: v.severity, message: v.message }]);
  }
  return answer(
    {
      stage: "preview",
      content,
      total: preview.rows.length,
      problems: preview.problems,
      rows: preview.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, at: r.at, channel: r.channelName, category: r.category, text: r.text.slice(0, 280), violations: byRow.get(r.row) ?? [] })),
    },
    preview.problems.length ? 422 : 200,
  );
}

export default function Transfer() {
  const { workspace, from, to } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const busy = navigation.state === "submitting" && navigation.formAction?.endsWith("/transfer");
  const when = (ms: number) => DateTime.fromMillis(ms, { zone: workspace.timeZone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm");
  return (
    <main className="page wide">
      <h1>{t.transfer.heading}</h1>
      <h2>{t.transfer.importHeading}</h2>
      <p>{t.transfer.importIntro}</p>
      <Form method="post" encType="multipart/form-data" className="inline">
        <input type="hidden" name="intent" value="check" />
        <label>
          {t.transfer.file}
          <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
        <button type="submit" disabled={busy}>
          {t.transfer.check}
        </button>
      </Form>
      {busy ? (
        <div role="status">
          <p>{navigation.formData?.get("intent") === "import" ? t.transfer.importing : t.transfer.checking}</p>
          <progress aria-label={t.transfer.checking} />
        </div>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.stage === "imported" ? <p role="status">{t.transfer.imported(result.imported)}</p> : null}
      {result?.stage === "preview" ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">
            {t.transfer.previewHeading}: {t.transfer.rows(result.total)}, {t.transfer.problems(result.problems.length)}
          </h2>
          {result.problems.length ? (
            <>
              <ul className="problems">
                {result.problems.slice(0, 100).map((p, i) => (
                  <li key={i}>{t.transfer.problemAt(p.row, p.column, p.message)}</li>
                ))}
              </ul>
              <p>{t.transfer.fixFirst}</p>
            </>
          ) : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t.transfer.row}</th>
                <th scope="col">{t.transfer.when}</th>
                <th scope="col">{t.transfer.channel}</th>
                <th scope="col">{t.transfer.category}</th>
                <th scope="col">{t.transfer.text}</th>
                <th scope="col">{t.transfer.rules}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{when(r.at)}</td>
                  <td>{r.channel}</td>
                  <td>{r.category}</td>
                  <td>{r.text}</td>
                  <td>
                    {r.violations.length === 0 ? (
                      <span className="ok">{t.transfer.ok}</span>
                    ) : (
                      <ul className="violations">
                        {r.violations.map((v, i) => (
                          <li key={i} className={`violation violation-${v.severity}`}>
                            {v.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.total > result.rows.length ? <p className="muted">{t.transfer.moreRows(result.total - result.rows.length)}</p> : null}
          {result.problems.length === 0 && result.total > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="import" />
              <textarea name="content" defaultValue={result.content} hidden readOnly aria-hidden="true" />
              <button type="submit" disabled={busy}>
                {t.transfer.importButton(result.total)}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <h2>{t.transfer.exportHeading}</h2>
      <Form method="get" action={`/w/${workspace.slug}/export`} className="inline" reloadDocument>
        <label>
          {t.transfer.from}
          <input type="date" name="from" defaultValue={from} required />
        </label>
        <label>
          {t.transfer.to}
          <input type="date" name="to" defaultValue={to} required />
        </label>
        <button type="submit" className="secondary">
          {t.transfer.download}
        </button>
      </Form>
    </main>
  );
}
