// Regenerates src/api/schema.d.ts from the backend's OpenAPI document.
// Input: $OPENAPI_FILE, default ../var/openapi.json (written by `cairn openapi`).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const input = resolve(root, process.env.OPENAPI_FILE ?? "../var/openapi.json");
const output = resolve(root, "src/api/schema.d.ts");
if (!existsSync(input)) {
  console.error(`gen:api: ${input} not found. Create it with: ../.venv/bin/cairn openapi > ../var/openapi.json`);
  process.exit(1);
}
execFileSync(
  process.execPath,
  [resolve(root, "node_modules/openapi-typescript/bin/cli.js"), input, "-o", output],
  { stdio: "inherit" },
);
