import { defineConfig } from "tsup";

// Library: ESM + CJS with declarations for both. CLI: one ESM file with a shebang.
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    splitting: false,
    treeshake: true,
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
