import { defineConfig } from "tsup";

// Library: ESM + CJS with declarations for both, and the resolve worker of analyzeParallel (started
// from dist/ by file name, next to index.js / index.cjs / cli.js). CLI: one ESM file with a shebang.
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    splitting: false,
    treeshake: true,
    // import.meta.url in the CommonJS build (the worker's location is resolved from it)
    shims: true,
    target: "node20",
  },
  {
    entry: { "resolve-worker": "src/parallel/resolve-worker.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    splitting: false,
    target: "node20",
  },
  {
    // The worker of readGoamlFile for large reports (tokenizes the XML), started from dist/ by file name.
    entry: { "xml-children-worker": "src/parallel/xml-children-worker.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    splitting: false,
    target: "node20",
  },
  {
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    splitting: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
