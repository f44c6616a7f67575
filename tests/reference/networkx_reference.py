#!/usr/bin/env python3
"""Independent NetworkX reference numbers for the coauthor-graph TypeScript tests.

Standalone: uses only the Python standard library and NetworkX (2.8.8 as shipped by
Debian's python3-networkx; ``nx.pagerank`` in 2.8 delegates to ``pagerank_scipy``, so
SciPy must be importable too). It does NOT use any project code: it parses the seed
publication list and the alias file itself.

Usage (from anywhere; the repo root is found from this file's location):

    /usr/bin/python3 tests/reference/networkx_reference.py              # JSON to stdout
    /usr/bin/python3 tests/reference/networkx_reference.py --write-ts   # also (re)writes
                                                                        # tests/reference/networkx-expected.ts
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import platform
import re
import sys
import unicodedata
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
SEED_FILE = REPO_ROOT / "data" / "duvenaud-publications.txt"
ALIAS_FILE = REPO_ROOT / "data" / "aliases.json"
TS_OUT = HERE / "networkx-expected.ts"

HEADER_LINES = {
    "Not enough data to create a plot.",
    "Try a different view from the menu above.",
    "Duvenaud, David",
}

SEED_PAIRS = [
    ("Paul Vicol", "Jörn-Henrik Jacobsen"),
    ("Winnie Xu", "Raquel Urtasun"),
    ("Jonathan Lorraine", "Roger Grosse"),
    ("Fartash Faghri", "Jimmy Ba"),
    ("Yulia Rubanova", "Ricky T. Q. Chen"),
]
# Extra seed pairs (not in the brief's list) that exercise the tie-breaking of weightiestShortestPath:
# several shortest paths of different total weight, and ties on weight broken by author ids.
SEED_EXTRA_PAIRS = [
    ("Jens Behrmann", "Winnie Xu"),  # via Chen (1+1) or Duvenaud (2+1): weight decides
    ("Xuechen Li", "Yulia Rubanova"),  # via Chen (1+1) or Duvenaud (1+1): ids decide
    ("Matthew MacKay", "Fabian Pedregosa"),  # four middles, all 1+1: ids decide
]

# Hand-made graph: two components; weight = joint papers.
HAND_MADE_EDGES = [
    ("a", "b", 3),
    ("a", "c", 1),
    ("b", "c", 1),
    ("c", "d", 2),
    ("d", "e", 1),
    ("d", "f", 1),
    ("e", "f", 4),
    ("g", "h", 2),
    ("h", "i", 1),
]
HAND_MADE_PAIRS = [
    ("a", "e"),  # crosses the bridge c-d
    ("b", "f"),
    ("e", "a"),  # reverse direction
    ("a", "c"),  # adjacent
    ("g", "i"),  # second component
    ("a", "a"),  # self
    ("a", "g"),  # unreachable: different components
]


# --------------------------------------------------------------------------- names


def fold_ws(s: str) -> str:
    return " ".join(s.split())


def display_name(s: str) -> str:
    """Display form: NFC + whitespace folding."""
    return fold_ws(unicodedata.normalize("NFC", s))


def name_key(s: str) -> str:
    """Comparison key: NFC, whitespace folding, case folding (then NFC again)."""
    return unicodedata.normalize("NFC", display_name(s).casefold())


def slugify(name: str) -> str:
    """Author id: NFKD, strip combining marks, lower-case, non-alphanumerics -> '-', trimmed."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower()
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


# --------------------------------------------------------------------------- parsing


def parse_authors(line: str, lineno: int) -> list[str]:
    parts = [p.strip() for p in line.split(",")]
    if len(parts) % 2 != 0 or any(not p for p in parts):
        raise ValueError(f"line {lineno}: cannot read author list {line!r}")
    return [display_name(f"{parts[i + 1]} {parts[i]}") for i in range(0, len(parts), 2)]


def parse_seed(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    # (lineno, stripped text) of non-blank lines; tolerates CRLF, blank lines, trailing spaces
    lines = [(i + 1, ln.strip()) for i, ln in enumerate(text.splitlines())]
    lines = [(n, ln) for n, ln in lines if ln]
    # header: leading page-noise lines plus the profile owner's name
    while lines and lines[0][1] in HEADER_LINES:
        lines.pop(0)
    if len(lines) % 3 != 0:
        raise ValueError(f"{len(lines)} record lines is not a multiple of 3")
    papers = []
    for k in range(0, len(lines), 3):
        (tn, title), (an, authors_line), (_, abstract) = lines[k : k + 3]
        papers.append(
            {
                "title": display_name(title),
                "rawAuthors": parse_authors(authors_line, an),
                "abstract": abstract,
                "line": tn,
            }
        )
    return papers


def load_aliases(path: Path) -> dict[str, str]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {name_key(k): display_name(v) for k, v in raw.items()}


def resolve_authors(papers: list[dict], aliases: dict[str, str]) -> tuple[list[dict], dict[str, set]]:
    """Map byline names to canonical names; returns papers with 'authors' and name variants."""
    canonical_by_key: dict[str, str] = {}
    variants: dict[str, set] = {}
    for p in papers:
        byline = []
        for raw in p["rawAuthors"]:
            target = aliases.get(name_key(raw), raw)
            key = name_key(target)
            canon = canonical_by_key.setdefault(key, target)
            variants.setdefault(canon, set()).add(raw)
            if canon not in byline:  # same person twice on one byline counts once
                byline.append(canon)
        p["authors"] = byline
    return papers, variants


# --------------------------------------------------------------------------- graph


def build_graph(papers: list[dict]) -> nx.Graph:
    G = nx.Graph()
    for p in papers:
        authors = p["authors"]
        G.add_nodes_from(authors)
        for i in range(len(authors)):
            for j in range(i + 1, len(authors)):
                u, v = authors[i], authors[j]
                if G.has_edge(u, v):
                    G[u][v]["weight"] += 1
                else:
                    G.add_edge(u, v, weight=1)
    return G


def graph_from_edges(edges) -> nx.Graph:
    G = nx.Graph()
    for u, v, w in edges:
        G.add_edge(u, v, weight=w)
    return G


def stats(G: nx.Graph, paper_count: int | None) -> dict:
    comps = list(nx.connected_components(G))
    n = G.number_of_nodes()
    e = G.number_of_edges()
    out = {
        "authorCount": n,
        "collaborationCount": e,
        "componentCount": len(comps),
        "largestComponentSize": max((len(c) for c in comps), default=0),
        "componentSizes": sorted((len(c) for c in comps), reverse=True),
        "density": nx.density(G),
        "averageDegree": (2 * e / n) if n else 0.0,
    }
    if paper_count is not None:
        out["paperCount"] = paper_count
    return out


def power_method(fn, G, **kwargs) -> dict:
    """Run a power-iteration centrality; record convergence instead of raising."""
    try:
        return {"converged": True, "values": fn(G, **kwargs)}
    except nx.PowerIterationFailedConvergence as exc:
        return {"converged": False, "values": None, "error": f"{type(exc).__name__}: {exc}"}


def max_abs_diff(a: dict | None, b: dict | None):
    if a is None or b is None:
        return None
    return max(abs(a[k] - b[k]) for k in a)


# Converged ("tight") runs. NetworkX stops when the L1 change of a round is below n * tol; at tol=1e-12
# that still leaves PageRank up to 4e-7 (relative) from the fixed point on the ACL 2016 slice, so the
# references are run to these tolerances instead, and checked against direct solutions below
# (`check_converged`): every tight value is within 1e-11 (relative) of them.
# On a small graph the L1 threshold n * tol can fall under double-precision noise, so each run takes the
# smallest of these tolerances that converges (recorded in `convergence.*.tightParams`).
TIGHT_TOLERANCES = (1e-18, 1e-17, 1e-16, 1e-15, 1e-14)
TIGHT_MAX_ITER = 20000


def tight_run(fn, G, **kwargs) -> dict:
    for tol in TIGHT_TOLERANCES:
        run = power_method(fn, G, max_iter=TIGHT_MAX_ITER, tol=tol, **kwargs)
        if run["converged"]:
            return {**run, "params": {"max_iter": TIGHT_MAX_ITER, "tol": tol}}
    raise AssertionError(f"{fn.__name__} converged at none of {TIGHT_TOLERANCES}")


def check_converged(G: nx.Graph, pagerank: dict, eigenvector: dict) -> dict:
    """Independent check of the tight runs: PageRank by a sparse direct solve (SciPy), eigenvector
    centrality by Lanczos (SciPy eigsh; NumPy's dense eigh on small graphs) on the component with the largest eigenvalue (the power
    iteration's other components decay to 0). Returns the largest differences found."""
    import numpy as np
    import scipy.sparse as sp
    import scipy.sparse.linalg as sla

    nodes = list(G)
    n = len(nodes)
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight="weight", format="csr").astype(float)
    out_weight = np.asarray(A.sum(axis=1)).ravel()
    inverse = np.where(out_weight > 0, 1 / np.where(out_weight > 0, out_weight, 1), 0)
    P = sp.diags(inverse) @ A
    # x = 0.85 P^T x + c 1 for a constant c (dangling and teleport mass): solve with c = 1, then scale to sum 1.
    y = sla.spsolve((sp.identity(n, format="csc") - 0.85 * P.T).tocsc(), np.ones(n))
    exact_pr = y / y.sum()
    pr = np.array([pagerank[v] for v in nodes])
    pr_rel = float(np.max(np.abs(pr - exact_pr) / exact_pr))
    assert pr_rel <= 1e-11, f"tight PageRank is {pr_rel} (relative) from the direct solve"
    ev = np.array([eigenvector[v] for v in nodes])
    if n > 500:
        values, vectors = sla.eigsh(A, k=1, which="LA", tol=0)
        exact_ev = np.abs(vectors[:, 0])
    else:  # small: LAPACK's dense solver
        exact_ev = np.abs(np.linalg.eigh(A.toarray())[1][:, -1])
    # Lanczos has absolute accuracy (~1e-16 on a unit vector): compare relative above 1e-6, absolute below.
    ev_err = float(np.max(np.abs(ev - exact_ev) / np.maximum(exact_ev, 1e-6)))
    assert ev_err <= 1e-9, f"tight eigenvector centrality is {ev_err} from Lanczos"
    return {"pagerankMaxRelativeToDirectSolve": pr_rel, "eigenvectorMaxScaledToLanczos": ev_err}


def metrics(G: nx.Graph) -> dict:
    ev_default = power_method(nx.eigenvector_centrality, G, weight="weight")
    ev_tight = tight_run(nx.eigenvector_centrality, G, weight="weight")
    pr_default = power_method(nx.pagerank, G, alpha=0.85, weight="weight")
    pr_tight = tight_run(nx.pagerank, G, alpha=0.85, weight="weight")

    m = {
        "degree": nx.degree_centrality(G),
        "weightedDegree": dict(G.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(G, normalized=True, weight=None),
        "closeness": nx.closeness_centrality(G),
        "harmonic": nx.harmonic_centrality(G),
        # default-parameter values (None if the default run did not converge)
        "eigenvector": ev_default["values"],
        "pagerank": pr_default["values"],
        # structure (unweighted, NetworkX defaults); None where NetworkX gives NaN (an author without co-authors)
        "coreness": nx.core_number(G),
        "clustering": nx.clustering(G),
        "constraint": nan_to_none(nx.constraint(G)),
        "effectiveSize": nan_to_none(nx.effective_size(G)),
    }
    tight_values = {"eigenvector": ev_tight["values"], "pagerank": pr_tight["values"]}
    convergence = {}
    for name, d, t in (("eigenvector", ev_default, ev_tight), ("pagerank", pr_default, pr_tight)):
        convergence[name] = {
            "defaultParams": {"max_iter": 100, "tol": 1e-06},
            "defaultConverged": d["converged"],
            "defaultError": d.get("error"),
            "tightParams": t["params"],
            "tightConverged": t["converged"],
            "tightError": t.get("error"),
            "maxAbsDiffDefaultVsTight": max_abs_diff(d["values"], t["values"]),
        }
    # sort each per-author map by key for stable output
    m = {k: (None if v is None else {n: v[n] for n in sorted(v)}) for k, v in m.items()}
    tight_values = {k: (None if v is None else {n: v[n] for n in sorted(v)}) for k, v in tight_values.items()}
    convergence["check"] = check_converged(G, pr_tight["values"], ev_tight["values"])
    return {"metrics": m, "metricsTight": tight_values, "convergence": convergence, "structure": structure(G)}


def nan_to_none(values: dict) -> dict:
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in values.items()}


def structure(G: nx.Graph) -> dict:
    """Whole-network figures (GraphStats): NetworkX calls named per key."""
    largest = max(nx.connected_components(G), key=len)
    L = G.subgraph(largest)
    assortativity = nx.degree_assortativity_coefficient(G) if G.number_of_edges() else float("nan")
    return {
        "degeneracy": max(nx.core_number(G).values()),  # max core number
        "transitivity": nx.transitivity(G),
        "averageClustering": nx.average_clustering(G),
        # None where NetworkX gives NaN (every tie joins authors of equal degree)
        "degreeAssortativity": None if math.isnan(assortativity) else assortativity,
        "largestComponentShare": len(largest) / G.number_of_nodes(),
        "averageShortestPathLength": nx.average_shortest_path_length(L),
        "diameter": nx.diameter(L),
    }


def weightiest_shortest_path(G: nx.Graph, paths: list[list[str]], id_of) -> dict | None:
    """Among shortest paths: most joint papers in total, then lexicographically smallest id list."""
    if not paths:
        return None

    def total(p):
        return sum(G[p[i]][p[i + 1]]["weight"] for i in range(len(p) - 1))

    best = min(paths, key=lambda p: (-total(p), [id_of(n) for n in p]))
    return {
        "authors": best,
        "ids": [id_of(n) for n in best],
        "totalJointPapers": total(best),
        "hopWeights": [G[best[i]][best[i + 1]]["weight"] for i in range(len(best) - 1)],
    }


def path_info(G: nx.Graph, s: str, t: str, id_of) -> dict:
    try:
        length = nx.shortest_path_length(G, s, t)
        paths = sorted(nx.all_shortest_paths(G, s, t))
    except nx.NetworkXNoPath:
        length, paths = None, []
    return {
        "from": s,
        "to": t,
        "length": length,
        "allShortestPaths": paths,
        "allShortestPathIds": [[id_of(n) for n in p] for p in paths],
        "weightiestShortestPath": weightiest_shortest_path(G, paths, id_of),
    }


def sorted_edges(G: nx.Graph) -> list:
    return sorted([sorted([u, v]) + [d["weight"]] for u, v, d in G.edges(data=True)])


# --------------------------------------------------------------------------- main


def compute() -> dict:
    # ---- seed
    aliases = load_aliases(ALIAS_FILE)
    papers, variants = resolve_authors(parse_seed(SEED_FILE), aliases)
    G = build_graph(papers)
    assert len(papers) == 10, f"expected 10 papers, got {len(papers)}"
    assert G.number_of_nodes() == 30, f"expected 30 authors, got {G.number_of_nodes()}"
    assert "Jon Lorraine" not in G and "Jonathan Lorraine" in G, "alias not applied"
    ids = {n: slugify(n) for n in G}
    assert len(set(ids.values())) == len(ids), "author id (slug) collision"
    for a, b in SEED_PAIRS:
        assert a in G and b in G, f"unknown author in pair {(a, b)}"
    for a, b in SEED_EXTRA_PAIRS:
        assert a in G and b in G, f"unknown author in pair {(a, b)}"

    seed = {
        "source": {
            "papers": str(SEED_FILE.relative_to(REPO_ROOT)),
            "aliases": str(ALIAS_FILE.relative_to(REPO_ROOT)),
        },
        "stats": stats(G, len(papers)),
        "papers": [{"title": p["title"], "authors": p["authors"], "line": p["line"]} for p in papers],
        "authorIds": {n: ids[n] for n in sorted(G)},
        "nameVariants": {n: sorted(variants[n]) for n in sorted(G)},
        "edges": sorted_edges(G),
        **metrics(G),
        "paths": [path_info(G, a, b, ids.get) for a, b in SEED_PAIRS],
        "extraPaths": [path_info(G, a, b, ids.get) for a, b in SEED_EXTRA_PAIRS],
    }

    # ---- hand-made
    H = graph_from_edges(HAND_MADE_EDGES)
    hid = lambda n: n  # node names are already ids
    spl = {s: {t: d for t, d in sorted(dd.items())} for s, dd in sorted(dict(nx.shortest_path_length(H)).items())}
    hand = {
        "stats": stats(H, None),
        "edges": sorted_edges(H),
        **metrics(H),
        "shortestPathLength": spl,
        "paths": [path_info(H, a, b, hid) for a, b in HAND_MADE_PAIRS],
    }

    return {
        "generator": {
            "script": "tests/reference/networkx_reference.py",
            "networkx": nx.__version__,
            "python": platform.python_version(),
            "scipy": _scipy_version(),
        },
        "seed": seed,
        "handMade": hand,
    }


def _scipy_version():
    try:
        import scipy  # noqa: F401  (nx.pagerank -> pagerank_scipy in NetworkX 2.8)

        return scipy.__version__
    except ImportError:
        return None


def check_finite(obj, path="$"):
    if isinstance(obj, float):
        assert math.isfinite(obj), f"non-finite float at {path}"
    elif isinstance(obj, dict):
        for k, v in obj.items():
            check_finite(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            check_finite(v, f"{path}[{i}]")


def to_json(obj, indent=2) -> str:
    # json.dumps writes floats with repr(): the shortest string that round-trips to the same
    # IEEE-754 double, which JavaScript parses to the identical number.
    return json.dumps(obj, sort_keys=True, indent=indent, ensure_ascii=False, allow_nan=False)


def write_ts(result: dict, out: Path) -> None:
    today = datetime.date.today().isoformat()
    gen = result["generator"]
    header = f"""\
/**
 * NetworkX reference values for the coauthor-graph tests. GENERATED FILE: do not edit by hand.
 *
 * Computed by tests/reference/networkx_reference.py with NetworkX {gen['networkx']} (Debian python3-networkx),
 * run as `/usr/bin/python3 tests/reference/networkx_reference.py` (with `--write-ts` to write this file) on {today}
 * (Python {gen['python']}, SciPy {gen['scipy']}: NetworkX 2.8's `pagerank` delegates to `pagerank_scipy`).
 * The script parses data/duvenaud-publications.txt and data/aliases.json itself (no project code).
 * Regenerate: see tests/reference/README.md.
 *
 * Metric maps are keyed by author NAME (canonical display name, NFC); `authorIds` maps name -> id (slug).
 *   degree          nx.degree_centrality(G)
 *   weightedDegree  G.degree(weight="weight")
 *   betweenness     nx.betweenness_centrality(G, normalized=True, weight=None)
 *   closeness       nx.closeness_centrality(G)
 *   harmonic        nx.harmonic_centrality(G)
 *   eigenvector     nx.eigenvector_centrality(G, weight="weight")            (defaults: max_iter=100, tol=1e-6)
 *   pagerank        nx.pagerank(G, alpha=0.85, weight="weight")              (defaults: max_iter=100, tol=1e-6)
 *   metricsTight.*  the same two run to the fixed point: max_iter=20000 and the smallest tol of 1e-18, 1e-17,
 *                   ..., 1e-14 that converges (tol=1e-12 still leaves PageRank ~4e-7 off on larger graphs);
 *                   `convergence` records whether each run converged, the max |default - tight| over all
 *                   authors, and (`check`) the tight values' distance from a SciPy direct solve / eigsh.
 *   coreness        nx.core_number(G)
 *   clustering      nx.clustering(G)
 *   constraint      nx.constraint(G)          (null: NetworkX gives NaN, an author without co-authors)
 *   effectiveSize   nx.effective_size(G)      (null: likewise)
 *   structure       degeneracy = max(nx.core_number(G).values()), nx.transitivity(G), nx.average_clustering(G),
 *                   nx.degree_assortativity_coefficient(G), largestComponentShare = |C| / n, and on the
 *                   largest component C = max(nx.connected_components(G), key=len):
 *                   nx.average_shortest_path_length(G.subgraph(C)), nx.diameter(G.subgraph(C)).
 * A metric is `null` when that NetworkX call raised PowerIterationFailedConvergence.
 * Paths: nx.shortest_path_length, sorted nx.all_shortest_paths, and `weightiestShortestPath` = the shortest
 * path with the largest sum of joint papers over its hops, ties broken by the lexicographically smallest
 * list of author ids.
 */
"""
    body = (
        header
        + "\n"
        + f"export const seedExpected = {to_json(result['seed'])} as const;\n\n"
        + "/** The hand-made two-component graph: [u, v, weight = joint papers]. */\n"
        + f"export const handMadeEdges = {_ts_edges(HAND_MADE_EDGES)} as const;\n\n"
        + f"export const handMadeExpected = {to_json(result['handMade'])} as const;\n\n"
        + f"export const referenceGenerator = {to_json({**gen, 'date': today})} as const;\n"
    )
    out.write_text(body, encoding="utf-8")


def _ts_edges(edges) -> str:
    return "[\n" + "".join(f"  {json.dumps([u, v, w])},\n" for u, v, w in edges) + "]"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-ts", action="store_true", help=f"also write {TS_OUT.relative_to(REPO_ROOT)}")
    args = ap.parse_args(argv)
    result = compute()
    check_finite(result)
    sys.stdout.write(to_json(result) + "\n")
    if args.write_ts:
        write_ts(result, TS_OUT)
        print(f"wrote {TS_OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
