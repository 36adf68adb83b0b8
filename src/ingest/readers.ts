import { type FtmReadOptions, ftmReader } from "./ftm-reader.js";
import { type GoamlReadOptions, goamlReader } from "./goaml-reader.js";
import type { CaseFileReader } from "./load-case.js";

/** Options of {@link caseReaders}, per format. */
export interface CaseReadersOptions {
  /** Options of the goAML XML reader (claims `*.xml`). [default: {}] */
  goaml?: GoamlReadOptions;
  /** Options of the FollowTheMoney reader (claims `*.ftm.json`, `*.ftm.jsonl`, `*.ftmjson`). [default: {}] */
  ftm?: FtmReadOptions;
}

/**
 * The readers for the non-table formats `wildtrace analyze` picks up in a case folder: goAML XML
 * reports (`*.xml`) and FollowTheMoney entity files (`*.ftm.json`, `*.ftm.jsonl`, `*.ftmjson`).
 *
 * @example
 * ```ts
 * import { caseReaders, loadCase } from "wildtrace";
 * const load = await loadCase("datasets/goaml-sample", { readers: caseReaders() });
 * load.dataset.reports.length; // 4
 * ```
 */
export function caseReaders(options: CaseReadersOptions = {}): CaseFileReader[] {
  return [ftmReader(options.ftm), goamlReader(options.goaml)];
}
