// The import walls ESLint keeps (eslint.config.js): pure code — the domain and the
// networks' modules, which the browser bundle and `rytm lint` load — reaches nothing
// server-only and no Node built-in; components reach nothing server-only; the worker and
// the channels reach neither the routes nor the web server. Each wall is tried here with
// an import that must be refused and one that must pass, so the config cannot quietly lapse.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: fileURLToPath(new URL("../..", import.meta.url)) });

async function refused(filePath: string, from: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import * as imported from "${from}";\nexport const used = imported;\n`, { filePath });
  return result!.messages.some((m) => m.ruleId === "no-restricted-imports");
}

describe("import walls", () => {
  it.each([
    ["app/domain/wall.ts", "~/utils/db.server", true],
    ["app/domain/wall.ts", "../channels/x/adapter.server", true],
    ["app/domain/wall.ts", "node:fs/promises", true],
    ["app/domain/wall.ts", "../channels/networks", false],
    ["app/channels/x/wall.ts", "../adapter.server", true],
    ["app/channels/x/wall.ts", "~/routes/w.$slug.channels", true],
    ["app/channels/x/wall.ts", "../../domain/text-measure", false],
    ["app/channels/x/wall.server.ts", "../adapter.server", false],
    ["app/channels/x/wall.server.ts", "../../../server/app.ts", true],
    ["app/components/wall.tsx", "~/models/series.server", true],
    ["app/components/wall.tsx", "~/domain/series-schedule", false],
    ["workers/wall.ts", "../server/app.ts", true],
    ["workers/wall.ts", "../app/routes/w.$slug.channels.tsx", true],
    ["workers/wall.ts", "../app/utils/db.server.ts", false],
  ])("%s importing %s: refused %s", async (file, from, expected) => {
    expect(await refused(file, from)).toBe(expected);
  });
});
