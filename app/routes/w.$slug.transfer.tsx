// CSV import (check first, then import as drafts) and CSV export of a date range.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type FormEvent, useState } from "react";
import { DateTime } from "luxon";
import { useI18n } from "~/i18n/use-i18n";
import { type ImportAnswer, answerImport } from "~/models/import-request.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:write");
  const today = DateTime.now().setZone(workspace.timeZone);
  return { workspace: { slug: workspace.slug, timeZone: workspace.timeZone }, from: today.toISODate()!, to: today.plus({ days: 27 }).toISODate()! };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  const { body, status } = await answerImport(request, workspace, { kind: "member", id: user.id, role });
  return data(body, { status });
}

type Progress = { phase: "uploading"; percent: number } | { phase: "working" } | null;

/** Sends a form with XMLHttpRequest, the one browser API that reports upload progress. */
function sendWithProgress(url: string, body: FormData, onProgress: (p: Progress) => void): Promise<ImportAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ phase: "uploading", percent: Math.round((event.loaded / event.total) * 100) });
    };
    xhr.upload.onload = () => onProgress({ phase: "working" });
    xhr.onload = () => (xhr.response ? resolve(xhr.response as ImportAnswer) : reject(new Error(`HTTP ${xhr.status}`)));
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(body);
  });
}

export default function Transfer() {
  const { workspace, from, to } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [uploaded, setUploaded] = useState<ImportAnswer | null>(null);
  const [progress, setProgress] = useState<Progress>(null);
  const [intent, setIntent] = useState<"check" | "import">("check");
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const result = uploaded ?? actionData;
  const busy = progress !== null || (navigation.state === "submitting" && navigation.formAction?.endsWith("/transfer"));
  // With scripts, the file goes up with a progress bar; without them, the forms post as usual.
  const upload = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = new FormData(event.currentTarget);
    setIntent(body.get("intent") === "import" ? "import" : "check");
    setProgress({ phase: "uploading", percent: 0 });
    sendWithProgress(`/w/${workspace.slug}/transfer/upload`, body, setProgress)
      .then(setUploaded)
      .catch((error: Error) => setUploaded({ stage: "error", error: error.message, notice: null, content: "", rows: [], total: 0, problems: [], imported: 0 }))
      .finally(() => setProgress(null));
  };
  const when = (ms: number) => DateTime.fromMillis(ms, { zone: workspace.timeZone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm");
  return (
    <main className="page wide">
      <h1>{t.transfer.heading}</h1>
      <h2>{t.transfer.importHeading}</h2>
      <p>{t.transfer.importIntro}</p>
      <Form method="post" encType="multipart/form-data" className="inline" onSubmit={upload}>
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
          {progress?.phase === "uploading" ? (
            <>
              <p>{t.transfer.uploading(progress.percent)}</p>
              <progress max={100} value={progress.percent} aria-label={t.transfer.uploading(progress.percent)} />
            </>
          ) : (
            <>
              <p>{intent === "import" ? t.transfer.importing : t.transfer.checking}</p>
              <progress aria-label={intent === "import" ? t.transfer.importing : t.transfer.checking} />
            </>
          )}
        </div>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.notice ? <p role="status">{result.notice}</p> : null}
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
            <Form method="post" onSubmit={upload}>
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
