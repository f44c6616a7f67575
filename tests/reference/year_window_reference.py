#!/usr/bin/python3
"""Reference values for time windows (src/graph/year-window.ts), computed without project code.

The data: tests/fixtures/acl-anthology-2016.jsonl followed by tests/fixtures/acl-2017-main-venues.jsonl
(one file, as the test writes it), read by acl_slice_reference.read_catalog. The window {from: 2017} is
the co-author graph of the 2017 papers only (a node per author of such a paper, a tie per pair with a
joint 2017 paper, weight = their joint 2017 papers), computed with NetworkX 2.8 defaults; PageRank and
eigenvector run to the fixed point (as networkx_reference.tight_run).

    /usr/bin/python3 tests/reference/year_window_reference.py --write-ts   # rewrites year-window-expected.ts
"""
from __future__ import annotations

import datetime
import json
import sys
import tempfile
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import acl_slice_reference  # noqa: E402
import networkx_reference  # noqa: E402

FIXTURES = HERE.parent / "fixtures"
FILES = [FIXTURES / "acl-anthology-2016.jsonl", FIXTURES / "acl-2017-main-venues.jsonl"]
PAIRS = [("yuji-matsumoto", "chris-dyer"), ("noah-a-smith", "dan-klein"), ("graham-neubig", "mirella-lapata")]


def top(values: dict, count: int = 10) -> list:
    return [[n, v] for n, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


TIMELINE_AUTHORS = ["graham-neubig", "yuji-matsumoto", "noah-a-smith"]


def competition_rank(scores: dict, node) -> int:
    """1-based rank, authors with equal scores (1e-12 relative) sharing one: 1 + how many score higher."""
    mine = scores[node]
    return 1 + sum(1 for v in scores.values() if v > mine and abs(v - mine) > 1e-12 * max(1, abs(v), abs(mine)))


def graph_of(papers: list, authors: dict) -> nx.Graph:
    G = nx.Graph()
    for paper in papers:
        ids = [authors[k]["id"] for k in paper["byline"]]
        G.add_nodes_from(ids)
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                w = G[ids[i]][ids[j]]["weight"] + 1 if G.has_edge(ids[i], ids[j]) else 1
                G.add_edge(ids[i], ids[j], weight=w)
    return G


def timelines(catalog: dict, records: list) -> dict:
    """Author.timeline with no window, from the definitions, by brute force over the papers."""
    authors = catalog["authors"]
    year_of = lambda paper: records[paper["line"] - 1].get("year")  # noqa: E731
    years = sorted({year_of(p) for p in catalog["papers"] if year_of(p) is not None})
    ranks = {}
    for year in years:
        G = graph_of([p for p in catalog["papers"] if year_of(p) is not None and year_of(p) <= year], authors)
        pagerank = networkx_reference.tight_run(nx.pagerank, G, alpha=0.85, weight="weight")["values"]
        ranks[year] = (dict(G.degree()), pagerank)
    out = {}
    for author in TIMELINE_AUTHORS:
        mine = [p for p in catalog["papers"] if author in [authors[k]["id"] for k in p["byline"]] and year_of(p) is not None]
        joint = {}  # co-author -> years of joint papers
        for p in mine:
            for k in p["byline"]:
                other = authors[k]["id"]
                if other != author:
                    joint.setdefault(other, set()).add(year_of(p))
        entries = []
        for year in sorted({year_of(p) for p in mine}):
            degree, pagerank = ranks[year]
            entries.append({
                "year": year,
                "paperCount": sum(1 for p in mine if year_of(p) == year),
                "coauthorCount": sum(1 for ys in joint.values() if year in ys),
                "newCoauthors": sum(1 for ys in joint.values() if min(ys) == year),
                "lastJointYearCoauthors": sum(1 for ys in joint.values() if max(ys) == year),
                "cumulativeCoauthorCount": sum(1 for ys in joint.values() if min(ys) <= year),
                "degreeRank": competition_rank(degree, author),
                "pagerankRank": competition_rank(pagerank, author),
            })
        out[author] = entries
    return out


def main() -> None:
    lines = "".join(path.read_text(encoding="utf-8") for path in FILES)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        handle.write(lines)
    catalog = acl_slice_reference.read_catalog(Path(handle.name))
    records = [json.loads(line) for line in lines.splitlines()]
    authors = catalog["authors"]
    G = nx.Graph()
    papers_in_window = 0
    for paper in catalog["papers"]:
        if records[paper["line"] - 1].get("year") != 2017:
            continue
        papers_in_window += 1
        ids = [authors[k]["id"] for k in paper["byline"]]
        G.add_nodes_from(ids)
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                if G.has_edge(ids[i], ids[j]):
                    G[ids[i]][ids[j]]["weight"] += 1
                else:
                    G.add_edge(ids[i], ids[j], weight=1)
    components = sorted((len(c) for c in nx.connected_components(G)), reverse=True)
    pagerank = networkx_reference.tight_run(nx.pagerank, G, alpha=0.85, weight="weight")["values"]
    eigenvector = networkx_reference.tight_run(nx.eigenvector_centrality, G, weight="weight")["values"]
    paths = {}
    for s, t in PAIRS:
        try:
            paths[f"{s}|{t}"] = nx.shortest_path_length(G, s, t) if s in G and t in G else None
        except nx.NetworkXNoPath:
            paths[f"{s}|{t}"] = None
    result = {
        "window": {"from": 2017, "to": None},
        "stats": {
            "paperCount": papers_in_window,
            "authorCount": G.number_of_nodes(),
            "collaborationCount": G.number_of_edges(),
            "componentCount": len(components),
            "largestComponentSize": components[0],
            "density": nx.density(G),
            "transitivity": nx.transitivity(G),
            "averageClustering": nx.average_clustering(G),
            "degeneracy": max(nx.core_number(G).values()),
        },
        "degree": top(nx.degree_centrality(G)),
        "weightedDegree": top(dict(G.degree(weight="weight"))),
        "pagerank": top(pagerank),
        "eigenvector": top(eigenvector),
        "betweenness": top(nx.betweenness_centrality(G)),
        "coreness": top(nx.core_number(G)),
        "pagerankSum": sum(pagerank.values()),
        "paths": paths,
        "wholeAuthorCount": len(authors),
        "timelines": timelines(catalog, records),
    }
    text = json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False)
    if "--write-ts" in sys.argv:
        header = (
            "// Generated by tests/reference/year_window_reference.py (NetworkX "
            f"{nx.__version__}, {datetime.date.today().isoformat()}): do not edit by hand.\n"
        )
        (HERE / "year-window-expected.ts").write_text(
            f"{header}export const yearWindowExpected = {text} as const;\n", encoding="utf-8"
        )
    print(text)


if __name__ == "__main__":
    main()
