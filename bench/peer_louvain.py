"""Peer Louvain runs for bench/communities.mts (system python: python3-igraph, python3-networkx).

Usage: /usr/bin/python3 bench/peer_louvain.py {igraph|networkx} EDGES.txt MEMBERSHIP_OUT.txt SEED

EDGES.txt: first line "n m", then m lines "u v w" (undirected, aggregated, u < v).
Writes one community label per node to MEMBERSHIP_OUT.txt and prints one JSON line:
{"peer", "version", "read_s", "louvain_s", "communities", "modularity", "peak_mb"}.
Exits with status 3 when the library is missing.
"""

import json
import random
import resource
import sys
import time


def read_edges(path):
    with open(path) as f:
        n, m = (int(x) for x in f.readline().split())
        us, vs, ws = [], [], []
        for line in f:
            u, v, w = line.split()
            us.append(int(u))
            vs.append(int(v))
            ws.append(float(w))
    return n, us, vs, ws


def main():
    peer, edges_path, out_path, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    random.seed(seed)
    t0 = time.perf_counter()
    n, us, vs, ws = read_edges(edges_path)
    if peer == "igraph":
        try:
            import igraph
        except ImportError:
            sys.exit(3)
        igraph.set_random_number_generator(random)
        g = igraph.Graph(n=n, edges=list(zip(us, vs)), directed=False)
        g.es["weight"] = ws
        read_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        part = g.community_multilevel(weights="weight")
        louvain_s = time.perf_counter() - t1
        membership = part.membership
        q = g.modularity(membership, weights="weight")
        version = igraph.__version__
    elif peer == "networkx":
        try:
            import networkx as nx
        except ImportError:
            sys.exit(3)
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(zip(us, vs, ws))
        read_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        comms = nx.community.louvain_communities(g, weight="weight", seed=seed)
        louvain_s = time.perf_counter() - t1
        membership = [0] * n
        for k, c in enumerate(comms):
            for v in c:
                membership[v] = k
        q = nx.community.modularity(g, comms, weight="weight")
        version = nx.__version__
    else:
        raise SystemExit(f"peer_louvain: unknown peer {peer}")
    with open(out_path, "w") as f:
        f.write("\n".join(str(c) for c in membership))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peer": peer, "version": version, "read_s": read_s, "louvain_s": louvain_s, "communities": len(set(membership)), "modularity": q, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
