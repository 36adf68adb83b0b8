import type { Dataset } from "../model/dataset.js";
import type { ProgressHandler } from "../model/progress.js";
import { type AlertRef, type CommunitiesResult, type Community, type CommunityOptions, detectCommunities } from "./communities.js";
import { type Corridor, type CorridorOptions, findCorridors } from "./corridors.js";
import type { RiskScore } from "./flow-graph.js";
import { type FlowPath, type TraceOptions, traceFlows } from "./trace-funds.js";

/** Options of {@link runDetect}: one block per step. */
export interface DetectOptions {
  /** Seed of Louvain (overrides `communities.seed`). [default: 42] */
  seed?: number;
  /** Account or party ids to trace (results.json `flows`). [default: none] */
  trace?: readonly string[];
  /** Community options (see {@link CommunityOptions}). [default: COMMUNITY_DEFAULTS] */
  communities?: CommunityOptions;
  /** Tracing options (see {@link TraceOptions}). [default: TRACE_DEFAULTS] */
  tracing?: TraceOptions;
  /** Corridor options (see {@link CorridorOptions}); `false` skips corridors. [default: CORRIDOR_DEFAULTS] */
  corridors?: CorridorOptions | false;
  /** Resolved entities (results.json `entities`), used when `communities.level` is "party". [default: none] */
  entities?: readonly { id: string; members: readonly string[] }[];
  /** Alerts and scores of the rules stage, when it ran. [default: none] */
  alerts?: readonly AlertRef[];
  scores?: readonly RiskScore[];
  onProgress?: ProgressHandler;
}

/** What the detect stage adds to results.json. */
export interface DetectResults {
  communities: Community[];
  flows: FlowPath[];
  corridors: Corridor[];
  /** `summary.detect` of results.json. */
  summary: {
    communities: CommunitiesResult["stats"];
    flows: { seeds: string[]; unknownSeeds: string[]; paths: number; truncated: string[] };
    corridors: { starts: number; examined: number; truncated: boolean } | null;
  };
}

/**
 * The detect stage of the pipeline: communities (risk-weighted with the rules' scores when given),
 * traced flows for the requested seeds, and corridors.
 *
 * @example
 * ```ts
 * import { loadCase, runDetect } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const d = runDetect(load.dataset, { seed: 42, trace: ["ACC-CN-01"] });
 * d.flows[0].path; // account ids in the order the money moved, starting at ACC-CN-01
 * ```
 */
export function runDetect(dataset: Dataset, options: DetectOptions = {}): DetectResults {
  const progress = options.onProgress;
  const c = detectCommunities(dataset, {
    onProgress: progress,
    ...options.communities,
    seed: options.seed ?? options.communities?.seed,
    scores: options.scores ?? options.communities?.scores,
    alerts: options.alerts ?? options.communities?.alerts,
    entities: options.entities ?? options.communities?.entities,
  });
  progress?.({ stage: "communities", done: 4, total: 4, message: `${c.stats.eligible} communities` });
  const seeds = [...(options.trace ?? [])];
  const t = traceFlows(dataset, seeds, options.tracing);
  if (seeds.length > 0) progress?.({ stage: "trace", done: seeds.length, total: seeds.length });
  const corridors = options.corridors === false ? null : findCorridors(dataset, options.corridors);
  progress?.({ stage: "corridors", done: 1, total: 1 });
  return {
    communities: c.communities,
    flows: t.flows,
    corridors: corridors?.corridors ?? [],
    summary: {
      communities: c.stats,
      flows: {
        seeds,
        unknownSeeds: t.unknownSeeds,
        paths: t.flows.length,
        truncated: t.truncated,
      },
      corridors: corridors ? { starts: corridors.starts, examined: corridors.examined, truncated: corridors.truncated } : null,
    },
  };
}
