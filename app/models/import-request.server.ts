// One CSV import request, from the page's form or from the upload the page makes with a
// progress bar: check a file (preview with every row's rules) or import checked content.
import { decodeCsv, encodingNote } from "~/domain/csv-encoding";
import { localizeViolations } from "~/domain/violations";
import { localeOf } from "~/utils/locale.server";
import type { Actor, WorkspaceRef } from "./post-gate.server";
import { MAX_IMPORT_BYTES, importPlan, previewImport } from "./plan-import.server";

const PREVIEW_ROWS = 200;

export type ImportAnswer = {
  stage: "preview" | "imported" | "error";
  error: string | null;
  /** Something to check that is not a problem: the file was read in another encoding. */
  notice: string | null;
  content: string;
  rows: { row: number; at: number; channel: string; category: string; text: string; violations: { severity: string; message: string }[] }[];
  total: number;
  problems: { row: number; column: string | null; message: string }[];
  imported: number;
};

const answer = (partial: Partial<ImportAnswer>, status = 200) => ({
  body: { stage: "error" as const, error: null, notice: null, content: "", rows: [], total: 0, problems: [], imported: 0, ...partial },
  status,
});
const tooLarge = () => answer({ error: `The file is too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB).` }, 413);

// The request body's size is limited while it streams in (server/request-gate.ts).
export async function answerImport(request: Request, workspace: WorkspaceRef, actor: Actor & { kind: "member" }): Promise<{ body: ImportAnswer; status: number }> {
  const locale = await localeOf(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const file = formData.get("file");
  let content = intent === "import" ? String(formData.get("content") ?? "") : "";
  let notice: string | null = null;
  if (intent !== "import" && file instanceof File) {
    const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return answer({ error: decoded.message }, 400);
    content = decoded.text;
    notice = encodingNote(decoded);
  }
  if (!content.trim()) return answer({ error: "Choose a CSV file." }, 400);
  if (content.length > MAX_IMPORT_BYTES) return tooLarge();
  const localized = (problems: { row: number; column: string | null; message: { en: string; pl: string } }[]) => problems.map((p) => ({ ...p, message: p.message[locale] }));
  if (intent === "import") {
    const result = await importPlan(workspace, actor, content);
    if (!result.ok) return answer({ stage: "preview", content, problems: localized(result.problems), error: "The file has problems; nothing was imported." }, 422);
    return answer({ stage: "imported", imported: result.posts });
  }
  const preview = await previewImport(workspace, content);
  const byRow = new Map<number, { severity: string; message: string }[]>();
  for (const { row, violation } of preview.violations) {
    const [v] = localizeViolations([violation], locale);
    byRow.set(row, [...(byRow.get(row) ?? []), { severity: v!.severity, message: v!.message }]);
  }
  return answer(
    {
      stage: "preview",
      content,
      notice,
      total: preview.rows.length,
      problems: localized(preview.problems),
      rows: preview.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, at: r.at, channel: r.channelName, category: r.category, text: r.text.slice(0, 280), violations: byRow.get(r.row) ?? [] })),
    },
    // The check itself succeeded: its answer lists the problems; only an import is refused (422).
    200,
  );
}
