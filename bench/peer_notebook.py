#!/usr/bin/env python3
"""The notebook peer: what an analyst does today with pandas + networkx, on the same case folder.

Ingest (transactions and accounts, dates parsed, amounts converted to USD with the case's fx.csv),
an undirected account graph weighted by the number of transfers between two accounts, Louvain
(networkx, and python-igraph's C implementation), and three 7-day sliding-window rules written
the way a notebook writes them:
  fan-in:      distinct senders paying one account within 7 days >= 10 (card and cash left out)
  fan-out:     distinct receivers paid by one account within 7 days >= 10 (card and cash left out)
  structuring: cash deposits or withdrawals in [9,000, 10,000) USD, >= 3 within 7 days
These mirror the defaults of wildtrace's fan_in, fan_out and structuring rules.

Prints one line `BENCH {json}` with the wall time of each step, the total CPU time, peak memory
(ru_maxrss) and the
number of flagged accounts. Run with the system Python (Debian packages python3-pandas,
python3-networkx, python3-igraph):

    /usr/bin/python3 bench/peer_notebook.py CASE_DIR [--skip-networkx-louvain]
"""

import json
import os
import resource
import sys
import time

import networkx as nx
import numpy as np
import pandas as pd

try:
    import igraph as ig
except ImportError:  # the igraph step is skipped, the rest runs
    ig = None


def main() -> None:
    case = sys.argv[1]
    skip_nx_louvain = "--skip-networkx-louvain" in sys.argv
    steps = {}
    out = {"steps": steps}
    t_all = time.perf_counter()
    cpu_all = time.process_time()

    # 1. Ingest.
    t = time.perf_counter()
    tx = pd.read_csv(os.path.join(case, "transactions.csv"), dtype={"from_account": "string", "to_account": "string", "reference": "string"}, keep_default_na=False, na_values=[])
    accounts = pd.read_csv(os.path.join(case, "accounts.csv"), dtype="string", keep_default_na=False)
    tx["date"] = pd.to_datetime(tx["date"], utc=True, errors="coerce")
    tx["amount"] = pd.to_numeric(tx["amount"], errors="coerce")
    bad = tx["date"].isna() | tx["amount"].isna() | (tx["amount"] <= 0)
    tx = tx[~bad].copy()
    fx_path = os.path.join(case, "fx.csv")
    if os.path.exists(fx_path):
        fx = pd.read_csv(fx_path)
        fx["date"] = pd.to_datetime(fx["date"], utc=True)
        fx = fx.sort_values("date")
        tx = tx.sort_values("date")
        tx = pd.merge_asof(tx, fx.rename(columns={"rate": "fx_rate"}), on="date", by="currency", direction="backward")
        tx["fx_rate"] = tx["fx_rate"].where(tx["currency"] != "USD", 1.0)
        tx["base"] = tx["amount"] * tx["fx_rate"].fillna(1.0)
    else:
        tx["base"] = tx["amount"]
    tx["from_account"] = tx["from_account"].replace("", pd.NA)
    tx["to_account"] = tx["to_account"].replace("", pd.NA)
    steps["ingest"] = time.perf_counter() - t
    out["transactions"] = int(len(tx))
    out["accounts"] = int(len(accounts))

    # 2. Account graph (undirected, weight = number of transfers between the two accounts).
    t = time.perf_counter()
    pairs = tx.dropna(subset=["from_account", "to_account"])
    pairs = pairs[pairs["from_account"] != pairs["to_account"]]
    a = np.where(pairs["from_account"] < pairs["to_account"], pairs["from_account"], pairs["to_account"])
    b = np.where(pairs["from_account"] < pairs["to_account"], pairs["to_account"], pairs["from_account"])
    edges = pd.DataFrame({"a": a, "b": b}).groupby(["a", "b"]).size().reset_index(name="weight")
    g = nx.Graph()
    g.add_weighted_edges_from(edges.itertuples(index=False, name=None))
    steps["graph (networkx)"] = time.perf_counter() - t
    out["graph"] = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}

    # 3. Louvain.
    if not skip_nx_louvain:
        t = time.perf_counter()
        comms = nx.community.louvain_communities(g, weight="weight", seed=42)
        steps["louvain (networkx)"] = time.perf_counter() - t
        out["louvain_networkx"] = {"communities": len(comms), "modularity": nx.community.modularity(g, comms, weight="weight")}
    if ig is not None:
        t = time.perf_counter()
        h = ig.Graph.DataFrame(edges, directed=False, use_vids=False)
        part = h.community_multilevel(weights="weight")
        steps["louvain (igraph, C)"] = time.perf_counter() - t
        out["louvain_igraph"] = {"communities": len(part), "modularity": part.modularity}

    # 4. Three 7-day window rules.
    t = time.perf_counter()
    transfers = tx[~tx["channel"].isin(["card", "cash_deposit", "cash_withdrawal"])].dropna(subset=["from_account", "to_account"])
    codes = {acc: i for i, acc in enumerate(pd.concat([transfers["from_account"], transfers["to_account"]]).unique())}
    transfers = transfers.assign(src=transfers["from_account"].map(codes).astype("float64"), dst=transfers["to_account"].map(codes).astype("float64"))

    def distinct_in_window(df: pd.DataFrame, key: str, other: str) -> pd.Series:
        df = df.sort_values([key, "date"]).set_index("date")
        rolled = df.groupby(key)[other].rolling("7D").apply(lambda x: len(np.unique(x)), raw=True)
        return rolled.groupby(level=0).max()

    fan_in = distinct_in_window(transfers, "to_account", "src")
    steps["rule fan-in"] = time.perf_counter() - t
    t = time.perf_counter()
    fan_out = distinct_in_window(transfers, "from_account", "dst")
    steps["rule fan-out"] = time.perf_counter() - t
    t = time.perf_counter()
    cash = tx[tx["channel"].isin(["cash_deposit", "cash_withdrawal"]) & (tx["base"] >= 9000) & (tx["base"] < 10000)].copy()
    cash["account"] = cash["to_account"].fillna(cash["from_account"])
    cash["one"] = 1.0
    cash = cash.sort_values(["account", "channel", "date"]).set_index("date")
    struct = cash.groupby(["account", "channel"])["one"].rolling("7D").sum().groupby(level=0).max()
    steps["rule structuring"] = time.perf_counter() - t
    out["flagged"] = {"fan_in": int((fan_in >= 10).sum()), "fan_out": int((fan_out >= 10).sum()), "structuring": int((struct >= 3).sum())}

    out["total"] = time.perf_counter() - t_all
    out["cpu"] = time.process_time() - cpu_all
    out["peakMb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["versions"] = {"python": sys.version.split()[0], "pandas": pd.__version__, "networkx": nx.__version__, "igraph": ig.__version__ if ig else None}
    print("BENCH " + json.dumps(out))


if __name__ == "__main__":
    main()
