// In every test worker: point the app's modules at this run's database and Redis prefix.
import { inject } from "vitest";

Object.assign(process.env, inject("testEnv"));
