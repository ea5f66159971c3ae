// Entry points check the environment first: a bad variable ends the process with a
// message naming it (exit 2), before any module opens a connection.
import "dotenv/config";
import { EnvError, type Env, env } from "./env.server.ts";

export function checkedEnv(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
