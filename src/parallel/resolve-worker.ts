// Worker thread of `analyzeParallel`: resolves entities on a copy of the parties while the main
// thread runs the rules that do not need them. Started by `startWorker("resolve-worker", ...)`;
// not part of the API.
import { parentPort } from "node:worker_threads";
import type { Dataset } from "../model/dataset.js";
import type { Party } from "../model/schemas.js";
import { TextColumn } from "../model/text-column.js";
import { type ResolveOptions, resolveEntities } from "../resolve/resolve-entities.js";

/** What the main thread hands the resolve worker. */
export interface ResolveWorkerInput {
  /** The dataset's parties as JSON text (parses several times faster than a structured clone of them). */
  parties: string;
  options?: ResolveOptions;
}

parentPort?.once("message", (input: ResolveWorkerInput) => {
  const parties = JSON.parse(input.parties) as Party[];
  parentPort?.postMessage(resolveEntities(partiesOnly(parties), input.options));
});

/** A dataset holding only parties: entity resolution reads nothing else. */
function partiesOnly(parties: readonly Party[]): Dataset {
  return {
    baseCurrency: "",
    parties,
    accounts: [],
    relationships: [],
    reports: [],
    transactions: {
      length: 0,
      id: TextColumn.from([]),
      time: new Float64Array(0),
      amount: new Float64Array(0),
      baseAmount: new Float64Array(0),
      currency: new Uint16Array(0),
      from: new Int32Array(0),
      to: new Int32Array(0),
      channel: new Uint8Array(0),
      reference: new Int32Array(0),
      fromCountry: new Uint16Array(0),
      toCountry: new Uint16Array(0),
      reportIds: new Map(),
    },
    currencies: [],
    countries: [""],
    references: [""],
    partyIndex: new Map(parties.map((p, i) => [p.id, i])),
    accountIndex: new Map(),
    accountHolder: new Int32Array(0),
    accountCountry: new Uint16Array(0),
  };
}
