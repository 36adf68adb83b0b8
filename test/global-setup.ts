import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The CLI and package tests run the built output: build it when a bare `vitest` run lacks it. */
export default function setup(): void {
  if (!existsSync("dist/cli.js") || !existsSync("dist/index.cjs")) {
    execFileSync("npx", ["tsup", "--silent"], { stdio: "inherit" });
  }
}
