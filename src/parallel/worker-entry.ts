import { getHeapStatistics } from "node:v8";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Start a worker thread running the module `name` that sits next to this file: the built
 * `dist/<name>.js` in the package, or `src/parallel/<name>.ts` when wildtrace runs from its
 * sources (tests and benchmarks run through tsx; the worker then registers tsx itself, because
 * Node does not pass `--import` on to worker threads).
 *
 * The worker gets no Node flags of the process (`--max-old-space-size` and `--input-type` are
 * refused in workers and would make `new Worker` throw) but the same heap limit as the
 * calling thread, so a process started with a larger heap gives its worker one too.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const here = import.meta.url;
  const heapMb = Math.ceil(getHeapStatistics().heap_size_limit / (1024 * 1024));
  const base: WorkerOptions = { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: heapMb }, ...options };
  if (here.endsWith(".ts")) {
    const file = new URL(`./${name}.ts`, here).href;
    const boot = `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(file)}); });`;
    return new Worker(boot, { ...base, eval: true });
  }
  return new Worker(new URL(`./${name}.js`, here), base);
}
