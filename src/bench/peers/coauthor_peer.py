#!/usr/bin/env python3
"""Peer side of `npm run bench`: the same co-author graph built and queried with NetworkX, igraph or graph-tool.

Run with Debian's interpreter and packages (`/usr/bin/python3`, python3-networkx, python3-igraph,
python3-graph-tool).
Every command reads a JSON Lines file of papers (`{"id", "title", "authors", "year", ...}`) and builds the
co-author graph with the loader's rules:
  - an author is a name compared after NFC, whitespace, case and accent folding, with the dots of
    initials read as spaces (the loader's identityKey);
  - the same person twice on one byline counts once;
  - a record with the same normalized title and byline as an earlier one is the same paper (no new edges);
  - a paper with more than --max-authors-per-paper authors keeps its authors as nodes but adds no edges;
  - an edge joins two co-authors, weight = joint papers.
Each command prints one JSON object per line on stdout; the first line of `ready` is printed the moment the
graph is built, so the caller can time process start to ready.

Commands:
  probe                                   which libraries are importable, with versions
  ready       --lib networkx|igraph       parse + build, print timings and this process's peak memory (VmHWM)
  paths       --pairs FILE                NetworkX shortest_path on each [keyA, keyB] pair, per-call times (after one untimed pass)
  betweenness --repeat N                  igraph exact betweenness (undirected, unweighted), per-run times;
              --lib graph-tool --threads T  graph-tool's betweenness() instead, on T OpenMP threads
  pagerank    --repeat N                  igraph PageRank (weights=weight, damping .85, PRPACK), per-run times, top 10
  structure   --repeat N                  igraph coreness(), transitivity_local_undirected(mode="zero") and
                                          constraint() (unweighted), per-run times each, and checksums
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
import unicodedata

JS_WHITESPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


FOLDED_LETTERS = {"ı": "i", "İ": "i", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
DASHES = re.compile("[\u2010-\u2015\u2212]")
PLAIN = re.compile("[ -~]*")


def search_key(text: str) -> str:
    """Format controls (Cf) dropped, NFC + whitespace folding, case folding, accents removed, a few letters
    transliterated, dashes as '-' (the loader's searchKey, src/ingest/names.ts)."""
    if PLAIN.fullmatch(text):  # the common case, and cheaper: nothing to decompose
        return " ".join(text.split()).lower()
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    clean = JS_WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip(" ")
    s = unicodedata.normalize("NFKD", clean)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    return DASHES.sub("-", "".join(FOLDED_LETTERS.get(ch, ch) for ch in s.lower()))


def identity_key(name: str) -> str:
    """The loader's identity key: search_key with the dots of initials read as spaces ("T.Q." = "T. Q.")."""
    return JS_WHITESPACE.sub(" ", search_key(name).replace(".", " ")).strip(" ")


NON_ALPHANUMERIC = re.compile(r"[\W_]+")  # in Unicode mode: anything but letters and digits


def title_key(title: str) -> str:
    """Normalized title: search_key, runs of non-letters/digits -> one space."""
    return NON_ALPHANUMERIC.sub(" ", search_key(title)).strip()


def read_papers(path: str, years: tuple[int, int] | None) -> list[list[str]]:
    """Bylines (identity keys, each once) of the distinct papers, in file order."""
    papers: list[list[str]] = []
    seen_ids: set[str] = set()
    seen_content: set[tuple] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if years is not None:
                year = record.get("year")
                if year is None or not years[0] <= year <= years[1]:
                    continue
            byline = list(dict.fromkeys(identity_key(name) for name in record["authors"]))
            paper_id = record.get("id")
            content = (title_key(record["title"]), tuple(byline))
            if (paper_id is not None and paper_id in seen_ids) or content in seen_content:
                continue
            if paper_id is not None:
                seen_ids.add(paper_id)
            seen_content.add(content)
            papers.append(byline)
    return papers


def weighted_pairs(papers: list[list[str]], max_authors: int | None):
    """Nodes in first-seen order and {(a, b): joint papers}."""
    nodes: dict[str, int] = {}
    weights: dict[tuple[int, int], int] = {}
    for byline in papers:
        ids = [nodes.setdefault(key, len(nodes)) for key in byline]
        if max_authors is not None and len(ids) > max_authors:
            continue
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                a, b = (ids[i], ids[j]) if ids[i] < ids[j] else (ids[j], ids[i])
                weights[(a, b)] = weights.get((a, b), 0) + 1
    return nodes, weights


def build_networkx(papers, max_authors):
    import networkx as nx

    G = nx.Graph()
    for byline in papers:
        G.add_nodes_from(byline)
        if max_authors is not None and len(byline) > max_authors:
            continue
        for i in range(len(byline)):
            for j in range(i + 1, len(byline)):
                u, v = byline[i], byline[j]
                if G.has_edge(u, v):
                    G[u][v]["weight"] += 1
                else:
                    G.add_edge(u, v, weight=1)
    return G


def build_igraph(papers, max_authors):
    import igraph as ig

    nodes, weights = weighted_pairs(papers, max_authors)
    g = ig.Graph(n=len(nodes), edges=list(weights.keys()), directed=False, edge_attrs={"weight": list(weights.values())})
    g.vs["name"] = list(nodes.keys())
    return g


def peak_memory_kb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def memory_kb(field: str) -> int | None:
    """A memory figure of this process from /proc/self/status, in kB (VmRSS: resident now)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def emit(obj) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def load(args, lib: str):
    started = time.perf_counter()
    papers = read_papers(args.data, args.years)
    parsed = time.perf_counter()
    graph = (build_networkx if lib == "networkx" else build_igraph)(papers, args.max_authors_per_paper)
    built = time.perf_counter()
    if lib == "networkx":
        size = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    else:
        size = {"nodes": graph.vcount(), "edges": graph.ecount()}
    timings = {"papers": len(papers), "parseSeconds": parsed - started, "buildSeconds": built - parsed, **size}
    return graph, timings


def build_graph_tool(papers, max_authors):
    import graph_tool as gt

    nodes, weights = weighted_pairs(papers, max_authors)
    g = gt.Graph(directed=False)
    g.add_vertex(len(nodes))
    g.add_edge_list(list(weights.keys()))
    return g


def command_probe(_args) -> None:
    found = {}
    for module, name in (("networkx", "networkx"), ("igraph", "igraph"), ("graph_tool", "graphTool")):
        try:
            found[name] = __import__(module).__version__.split()[0]
        except Exception as error:  # noqa: BLE001 (any import failure means "not available")
            found[name] = None
            found[name + "Error"] = f"{type(error).__name__}: {error}"
    emit({"python": sys.version.split()[0], "nice": os.nice(0), **found})


def command_ready(args) -> None:
    __import__(args.lib)  # the import is part of start-up, as it is for any user
    graph, timings = load(args, args.lib)
    emit({"ready": True, "lib": args.lib, **timings, "peakKb": peak_memory_kb(), "rssKb": memory_kb("VmRSS:")})


def command_paths(args) -> None:
    import networkx as nx

    graph, timings = load(args, "networkx")
    with open(args.pairs, encoding="utf-8") as handle:
        pairs = json.load(handle)
    results = []
    for a, b in pairs:  # one untimed pass first, as on our side
        if a in graph and b in graph:
            nx.shortest_path(graph, a, b)
    for _ in range(args.repeat):
        times, lengths = [], []
        for a, b in pairs:
            if a not in graph or b not in graph:
                times.append(None)
                lengths.append(None)
                continue
            started = time.perf_counter()
            path = nx.shortest_path(graph, a, b)
            times.append(time.perf_counter() - started)
            lengths.append(len(path) - 1)
        results.append(times)
    emit({**timings, "seconds": results, "lengths": lengths})


def command_betweenness(args) -> None:
    if args.lib == "graph-tool":
        command_graph_tool_betweenness(args)
        return
    graph, timings = load(args, "igraph")
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        values = graph.betweenness(directed=False)
        runs.append(time.perf_counter() - started)
    n = graph.vcount()
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0  # NetworkX normalization, to compare values
    emit({**timings, "seconds": runs, "maxNormalized": max(values) * scale if values else 0.0})


def command_graph_tool_betweenness(args) -> None:
    """graph-tool's exact betweenness() (vertex and edge values, as it always computes both) on --threads
    OpenMP threads; graph built from the same parsed papers, not timed."""
    import graph_tool as gt
    from graph_tool.centrality import betweenness

    started = time.perf_counter()
    papers = read_papers(args.data, args.years)
    parsed = time.perf_counter()
    graph = build_graph_tool(papers, args.max_authors_per_paper)
    built = time.perf_counter()
    gt.openmp_set_num_threads(args.threads)
    runs = []
    for _ in range(args.repeat):
        started_run = time.perf_counter()
        vertex, _edge = betweenness(graph, norm=False)
        runs.append(time.perf_counter() - started_run)
    n = graph.num_vertices()
    # Unnormalized, graph-tool counts each unordered pair once on an undirected graph: NetworkX's
    # normalization is then 2 / ((n - 1)(n - 2)).
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    values = vertex.a
    emit(
        {
            "papers": len(papers),
            "parseSeconds": parsed - started,
            "buildSeconds": built - parsed,
            "nodes": n,
            "edges": graph.num_edges(),
            "threads": gt.openmp_get_num_threads(),
            "seconds": runs,
            "maxNormalized": float(values.max()) * scale if n > 0 else 0.0,
        }
    )


def command_pagerank(args) -> None:
    graph, timings = load(args, "igraph")
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        # PRPACK (igraph's default) solves the PageRank system exactly, not by a stopped iteration.
        values = graph.pagerank(weights="weight", directed=False, damping=0.85, implementation="prpack")
        runs.append(time.perf_counter() - started)
    top = sorted(range(len(values)), key=lambda i: -values[i])[:10]
    emit({**timings, "seconds": runs, "top": [[graph.vs[i]["name"], values[i]] for i in top]})


def command_structure(args) -> None:
    """k-core, local clustering and Burt's constraint of every author (unweighted), each timed alone.
    Checksums (sums over authors with co-authors) let the bench check that both sides computed the same."""
    graph, timings = load(args, "igraph")
    tied = [v.index for v in graph.vs if graph.degree(v.index) > 0]
    seconds = {"coreness": [], "clustering": [], "constraint": []}
    values = {}
    for _ in range(args.repeat):
        for name, run in (
            ("coreness", lambda: graph.coreness()),
            ("clustering", lambda: graph.transitivity_local_undirected(mode="zero")),
            ("constraint", lambda: graph.constraint(weights=None)),
        ):
            started = time.perf_counter()
            values[name] = run()
            seconds[name].append(time.perf_counter() - started)
    sums = {name: math.fsum(values[name][i] for i in tied) for name in values}
    emit({**timings, "seconds": seconds, "sums": sums})


def years_range(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["probe", "ready", "paths", "betweenness", "pagerank", "structure"])
    parser.add_argument("--data", help="JSON Lines file of papers")
    parser.add_argument("--years", type=years_range, default=None, help="keep papers of these years only, e.g. 2016-2018")
    parser.add_argument("--max-authors-per-paper", type=int, default=None)
    parser.add_argument("--lib", choices=["networkx", "igraph", "graph-tool"], default="networkx")
    parser.add_argument("--threads", type=int, default=2, help="OpenMP threads for graph-tool (betweenness --lib graph-tool)")
    parser.add_argument("--pairs", help="JSON file of [keyA, keyB] pairs (paths)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    {"probe": command_probe, "ready": command_ready, "paths": command_paths, "betweenness": command_betweenness, "pagerank": command_pagerank, "structure": command_structure}[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
