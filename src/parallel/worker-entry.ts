import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Start a worker thread running the module `name` that sits next to this file: the built
 * `dist/<name>.js` in the package, or `src/parallel/<name>.ts` when wildtrace runs from its
 * sources (tests and benchmarks run through tsx; the worker then registers tsx itself, because
 * Node does not pass `--import` on to worker threads).
 */
export function startWorker(name: string, options: WorkerOptions): Worker {
  const here = import.meta.url;
  // Workers inherit the process's Node flags; `--input-type` (from `node --input-type=module -e`)
  // is refused for a worker that runs a file.
  const execArgv = options.execArgv ?? withoutInputType(process.execArgv);
  if (here.endsWith(".ts")) {
    const file = new URL(`./${name}.ts`, here).href;
    const boot = `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(file)}); });`;
    return new Worker(boot, { ...options, execArgv, eval: true });
  }
  return new Worker(new URL(`./${name}.js`, here), { ...options, execArgv });
}

function withoutInputType(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--input-type") i++;
    else if (!args[i].startsWith("--input-type=")) out.push(args[i]);
  }
  return out;
}
