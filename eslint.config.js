import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Import walls (style.md): what a folder may not depend on. Pure code runs in the browser
// bundle and in `rytm lint` too, so it reaches nothing server-only and no Node built-in;
// UI components reach nothing server-only; the worker and the channels reach neither the
// routes nor the web server around them.
const noServerModules = { group: ["*.server", "*.server.ts", "*.server.tsx"], message: "Server-only (*.server) code cannot be imported here: this file also runs in the browser or the rytm CLI." };
const noNode = { group: ["node:*"], message: "Pure code has no I/O and runs in the browser: no Node built-ins." };
const noWebLayer = { group: ["~/routes/*", "**/routes/*", "**/server/*"], message: "The worker and the channels do not depend on routes or the web server; move what they share to app/ (domain, models, utils)." };
const walls = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: ["build/", "app/generated/", "node_modules/", "tests/artifacts/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: globals.node } },
  { files: ["app/domain/**/*.{ts,tsx}"], rules: walls(noServerModules, noNode) },
  { files: ["app/channels/**/*.{ts,tsx}"], ignores: ["**/*.server.ts"], rules: walls(noServerModules, noNode, noWebLayer) },
  { files: ["app/channels/**/*.server.ts", "workers/**/*.ts"], rules: walls(noWebLayer) },
  { files: ["app/components/**/*.{ts,tsx}"], rules: walls(noServerModules) },
);
