import type { CaseFileReader } from "./load-case.js";

/**
 * The readers for the non-table formats `wildtrace analyze` picks up in a case folder.
 *
 * @example
 * ```ts
 * import { caseReaders, loadCase } from "wildtrace";
 * const load = await loadCase("datasets/goaml-sample", { readers: caseReaders() });
 * ```
 */
export function caseReaders(): CaseFileReader[] {
  return [];
}
