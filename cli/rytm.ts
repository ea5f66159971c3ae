// The `rytm` command. Only `lint` for now: check a plan spreadsheet without an account.
import { runLint } from "./lint-command.ts";

// Piped into `head`, the reader may go away early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

const code = await runLint(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
