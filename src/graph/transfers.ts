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

/** Defaults of {@link TransferOptions}. */
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
    const index = new Map<string, number>();
    for (let i = 0; i < t.length; i++) index.set(t.id[i], i);
    for (const id of options.transactions) {
      const i = index.get(id);
      if (i !== undefined) keepTx[i] = 1;
    }
  }

  // Group transactions (in time order) by edge.
  const byTime = buildAccountAdjacency(dataset).byTime;
  const edgeOfTx = new Int32Array(t.length).fill(-1);
  const edgeKey = new Map<number, number>();
  const src: number[] = [];
  const dst: number[] = [];
  const width = nodes.length + 1;
  for (let k = 0; k < byTime.length; k++) {
    const i = byTime[k];
    if (keepTx && !keepTx[i]) continue;
    const f = t.from[i];
    const to = t.to[i];
    if (keepAccount && ((f >= 0 && !keepAccount[f]) || (to >= 0 && !keepAccount[to]))) continue;
    const s = f >= 0 ? accNode[f] : cashNode;
    const d = to >= 0 ? accNode[to] : cashNode;
    if (s < 0 || d < 0) continue;
    let e: number;
    if (multi) {
      e = src.length;
      src.push(s);
      dst.push(d);
    } else {
      const key = s * width + d;
      const hit = edgeKey.get(key);
      if (hit === undefined) {
        e = src.length;
        edgeKey.set(key, e);
        src.push(s);
        dst.push(d);
      } else e = hit;
    }
    edgeOfTx[i] = e;
  }
  const m = src.length;

  // Order edges by source key, target key, first transaction (their creation order is by time).
  const byKey = nodes.map((_, k) => k).sort((x, y) => byCodeUnit(nodes[x].key, nodes[y].key));
  const keyRank = new Int32Array(nodes.length);
  for (let r = 0; r < byKey.length; r++) keyRank[byKey[r]] = r;
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  order.sort((x, y) => keyRank[src[x]] - keyRank[src[y]] || keyRank[dst[x]] - keyRank[dst[y]] || x - y);
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
  let total = 0;
  for (let k = 0; k < byTime.length; k++) {
    const i = byTime[k];
    const e = edgeOfTx[i];
    if (e < 0) continue;
    const r = rankOf[e];
    count[r]++;
    amount[r] += t.baseAmount[i];
    if (t.time[i] < first[r]) first[r] = t.time[i];
    if (t.time[i] > last[r]) last[r] = t.time[i];
    channels[r] |= 1 << t.channel[i];
    total++;
  }
  const txStart = new Int32Array(m + 1);
  for (let r = 0; r < m; r++) txStart[r + 1] = txStart[r] + count[r];
  const fill = txStart.slice(0, m);
  const txIndex = new Int32Array(total);
  for (let k = 0; k < byTime.length; k++) {
    const i = byTime[k];
    const e = edgeOfTx[i];
    if (e >= 0) txIndex[fill[rankOf[e]]++] = i;
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
