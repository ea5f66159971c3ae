// Import first in a test that calls the networks from its own process (freshCredentials): the
// app's environment is read once, and must hold Rytm's apps as the server and worker have them.
import { inject } from "vitest";

Object.assign(process.env, inject("networkEnv"));
