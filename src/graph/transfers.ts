import { OptionError } from "../errors.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset } from "../model/dataset.js";
import { buildAccountAdjacency } from "./adjacency.js";

/** Options of {@link aggregateTransfers} (and of the transaction graph builders). */
export interface TransferOptions {
  /** What a node is: an account, or the party holding it. [default: "account"] */
  nodes?: "account" | "party";
  /**
   * With `nodes: "party"`: party id to entity id (the `partyToEntity` of `resolveEntities`), so
   * that the parties of one entity are one node keyed by the entity id. [default: none]
   */
  partyToEntity?: ReadonlyMap<string, string>;
  /** Keep one edge per transaction instead of one per ordered pair of nodes. [default: false] */
  multi?: boolean;
  /** Key of the node standing for the cash side of deposits and withdrawals; `null` leaves those transactions out. [default: "(cash)"] */
  cashNode?: string | null;
  /** Keep only transactions whose two sides are among these account ids (the cash side counts as inside). [default: all] */
  accounts?: Iterable<string>;
  /** Keep only these transactions (ids). [default: all] */
  transactions?: Iterable<string>;
}

/**
 * Defaults of {@link TransferOptions}.
 *
 * @example
 * ```ts
 * import { TRANSFER_DEFAULTS } from "wildtrace";
 * TRANSFER_DEFAULTS; // { nodes: "account", multi: false, cashNode: "(cash)" }
 * ```
 */
export const TRANSFER_DEFAULTS = Object.freeze({ nodes: "account" as const, multi: false, cashNode: "(cash)" as string | null });

/** What a node of the transaction graph stands for. */
export interface TransferNode {
  /** Node key: the account id, the party id, the entity id, `account:<id>` for an account without holder in party mode, or the cash node. */
  key: string;
  kind: "account" | "party" | "entity" | "cash";
  /** Account index (kind `account`), party index (`party`), the first member's party index (`entity`), -1 for cash. */
  index: number;
  /** Kind `entity`: the member party ids, sorted. */
  members?: string[];
}

/**
 * Transfers between nodes, aggregated column-wise: edge `e` goes from `nodes[source[e]]` to
 * `nodes[target[e]]` and carries the transactions `txIndex[txStart[e] .. txStart[e+1])` in time
 * order (ties by index). Edges are sorted by source key, target key, then first transaction.
 */
export interface TransferTable {
  readonly nodes: readonly TransferNode[];
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly count: Int32Array;
  /** Total amount in the base currency. */
  readonly amount: Float64Array;
  /** First and last transaction time, epoch ms. */
  readonly first: Float64Array;
  readonly last: Float64Array;
  /** Bit `c` set when channel `CHANNELS[c]` was used. */
  readonly channels: Uint16Array;
  readonly txStart: Int32Array;
  readonly txIndex: Int32Array;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Aggregate a dataset's transactions into edges between accounts (or parties) without building a
 * graph object: the working form for large cases, for `buildTransactionGraph` and for the GraphML
 * writer. Runs on the typed arrays in O(n log n). Never mutates the dataset.
 *
 * @example
 * ```ts
 * import { aggregateTransfers, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-05", amount: 15, currency: "USD", fromAccount: "A", toAccount: "B" },
 * ] });
 * const t = aggregateTransfers(dataset);
 * t.count[0];  // 2
 * t.amount[0]; // 25
 * ```
 */
export function aggregateTransfers(dataset: Dataset, options: TransferOptions = {}): TransferTable {
  const mode = options.nodes ?? TRANSFER_DEFAULTS.nodes;
  if (mode !== "account" && mode !== "party") throw new OptionError("aggregateTransfers", `nodes must be "account" or "party", got '${String(mode)}'`);
  const cashKey = options.cashNode === undefined ? TRANSFER_DEFAULTS.cashNode : options.cashNode;
  const multi = options.multi ?? TRANSFER_DEFAULTS.multi;
  const t = dataset.transactions;
  const nAcc = dataset.accounts.length;

  // Node of each account, and of the cash side.
  const nodes: TransferNode[] = [];
  const nodeByKey = new Map<string, number>();
  const nodeOf = (key: string, kind: TransferNode["kind"], index: number): number => {
    let k = nodeByKey.get(key);
    if (k === undefined) {
      k = nodes.length;
      nodeByKey.set(key, k);
      nodes.push({ key, kind, index });
    } else if (nodes[k].kind !== kind) {
      throw new OptionError("aggregateTransfers", `node key '${key}' would stand for both a ${nodes[k].kind} and a ${kind}: rename one (e.g. another cashNode)`);
    }
    return k;
  };
  const membersOf = new Map<string, string[]>();
  if (mode === "party" && options.partyToEntity) {
    for (const [pid, eid] of options.partyToEntity) {
      let list = membersOf.get(eid);
      if (!list) membersOf.set(eid, (list = []));
      list.push(pid);
    }
    for (const list of membersOf.values()) list.sort(byCodeUnit);
  }
  const accNode = new Int32Array(nAcc);
  for (let a = 0; a < nAcc; a++) {
    if (mode === "account") {
      accNode[a] = nodeOf(dataset.accounts[a].id, "account", a);
      continue;
    }
    const h = dataset.accountHolder[a];
    if (h < 0) {
      accNode[a] = nodeOf(`account:${dataset.accounts[a].id}`, "account", a);
      continue;
    }
    const pid = dataset.parties[h].id;
    const eid = options.partyToEntity?.get(pid);
    if (eid === undefined) {
      accNode[a] = nodeOf(pid, "party", h);
      continue;
    }
    const members = membersOf.get(eid) ?? [pid];
    accNode[a] = nodeOf(eid, "entity", dataset.partyIndex.get(members[0]) ?? h);
    nodes[accNode[a]].members = members;
  }
  const cashNode = cashKey === null ? -1 : nodeOf(cashKey, "cash", -1);

  // Which transactions.
  let keepAccount: Uint8Array | undefined;
  if (options.accounts !== undefined) {
    keepAccount = new Uint8Array(nAcc);
    for (const id of options.accounts) {
      const a = dataset.accountIndex.get(id);
      if (a !== undefined) keepAccount[a] = 1;
    }
  }
  let keepTx: Uint8Array | undefined;
  if (options.transactions !== undefined) {
    keepTx = new Uint8Array(t.length);
    for (const id of options.transactions) {
      const i = t.id.indexOf(id);
      if (i >= 0) keepTx[i] = 1;
    }
  }

  // Node of each side of each kept transaction (-1: left out).
  const byTime = buildAccountAdjacency(dataset).byTime;
  const nTx = t.length;
  const nNodes = nodes.length;
  const srcOf = new Int32Array(nTx).fill(-1);
  const dstOf = new Int32Array(nTx);
  let kept = 0;
  for (let i = 0; i < nTx; i++) {
    if (keepTx && !keepTx[i]) continue;
    const f = t.from[i];
    const to = t.to[i];
    if (keepAccount && ((f >= 0 && !keepAccount[f]) || (to >= 0 && !keepAccount[to]))) continue;
    const s = f >= 0 ? accNode[f] : cashNode;
    const d = to >= 0 ? accNode[to] : cashNode;
    if (s < 0 || d < 0) continue;
    srcOf[i] = s;
    dstOf[i] = d;
    kept++;
  }
  // Transactions grouped by source node, in time order within each (a counting sort).
  const srcStart = new Int32Array(nNodes + 1);
  for (let i = 0; i < nTx; i++) if (srcOf[i] >= 0) srcStart[srcOf[i] + 1]++;
  for (let k = 0; k < nNodes; k++) srcStart[k + 1] += srcStart[k];
  const srcTx = new Int32Array(kept);
  const srcFill = srcStart.slice(0, nNodes);
  for (let k = 0; k < byTime.length; k++) {
    const i = byTime[k];
    if (srcOf[i] >= 0) srcTx[srcFill[srcOf[i]]++] = i;
  }
  // Nodes in key order (code units), so that edges come out sorted by source then target key.
  const byKey = nodes.map((_, k) => k).sort((x, y) => byCodeUnit(nodes[x].key, nodes[y].key));
  const keyRank = new Int32Array(nNodes);
  for (let r = 0; r < byKey.length; r++) keyRank[byKey[r]] = r;

  // Edges: per source (in key order), one per target (or per transaction), created in time order
  // and then ordered by target key (ties: creation order, i.e. time).
  const edgeOfTx = new Int32Array(nTx).fill(-1);
  const src = new Int32Array(kept);
  const dst = new Int32Array(kept);
  const stamp = new Int32Array(nNodes).fill(-1);
  const edgeOfTarget = new Int32Array(nNodes);
  const order = new Int32Array(kept);
  let m = 0;
  for (const s of byKey) {
    const segment = m;
    for (let k = srcStart[s]; k < srcStart[s + 1]; k++) {
      const i = srcTx[k];
      const d = dstOf[i];
      let e: number;
      if (!multi && stamp[d] === s) e = edgeOfTarget[d];
      else {
        e = m++;
        src[e] = s;
        dst[e] = d;
        order[e] = e;
        stamp[d] = s;
        edgeOfTarget[d] = e;
      }
      edgeOfTx[i] = e;
    }
    if (m - segment > 1) order.subarray(segment, m).sort((x, y) => keyRank[dst[x]] - keyRank[dst[y]] || x - y);
  }
  const rankOf = new Int32Array(m);
  for (let r = 0; r < m; r++) rankOf[order[r]] = r;

  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const count = new Int32Array(m);
  const amount = new Float64Array(m);
  const first = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  const channels = new Uint16Array(m);
  for (let r = 0; r < m; r++) {
    source[r] = src[order[r]];
    target[r] = dst[order[r]];
  }
  for (let k = 0; k < kept; k++) {
    const i = srcTx[k];
    const r = rankOf[edgeOfTx[i]];
    count[r]++;
    amount[r] += t.baseAmount[i];
    if (t.time[i] < first[r]) first[r] = t.time[i];
    if (t.time[i] > last[r]) last[r] = t.time[i];
    channels[r] |= 1 << t.channel[i];
  }
  const txStart = new Int32Array(m + 1);
  for (let r = 0; r < m; r++) txStart[r + 1] = txStart[r] + count[r];
  const fill = txStart.slice(0, m);
  const txIndex = new Int32Array(kept);
  // Each source's transactions are in time order, so each edge's list is too.
  for (let k = 0; k < kept; k++) {
    const i = srcTx[k];
    txIndex[fill[rankOf[edgeOfTx[i]]]++] = i;
  }
  return { nodes, source, target, count, amount, first, last, channels, txStart, txIndex };
}

/**
 * Names of the channels set in a channel bit mask of a {@link TransferTable}.
 *
 * @example
 * ```ts
 * import { channelNames } from "wildtrace";
 * channelNames(0b1001); // ["wire", "mobile_money"]
 * ```
 */
export function channelNames(mask: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < CHANNELS.length; c++) if (mask & (1 << c)) out.push(CHANNELS[c]);
  return out;
}
