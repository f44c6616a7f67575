#!/usr/bin/python3
"""Reference values for the HTML report's growth and distributions (src/analysis/growth.ts, distributions.ts),
computed without project code, on tests/fixtures/acl-anthology-2016.jsonl followed by
tests/fixtures/acl-2017-main-venues.jsonl (one file, read by acl_slice_reference.read_catalog, as
year_window_reference.py does).

For each year Y: the graph of Y's papers alone and the graph of every paper up to Y (nodes: their
authors; edges: pairs with a joint paper among them), by NetworkX 2.8. For the whole graph:
nx.degree_histogram(G) and the sizes of nx.connected_components(G), as {value: count}.

    /usr/bin/python3 tests/reference/report_growth_reference.py   # prints JSON; the tests hold the numbers as literals
"""
from __future__ import annotations

import collections
import json
import sys
import tempfile
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import acl_slice_reference  # noqa: E402

FIXTURES = HERE.parent / "fixtures"
FILES = [FIXTURES / "acl-anthology-2016.jsonl", FIXTURES / "acl-2017-main-venues.jsonl"]


def main() -> None:
    lines = "".join(path.read_text(encoding="utf-8") for path in FILES)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        handle.write(lines)
    catalog = acl_slice_reference.read_catalog(Path(handle.name))
    records = [json.loads(line) for line in lines.splitlines()]
    authors = catalog["authors"]

    def graph(keep) -> tuple[int, nx.Graph]:
        G = nx.Graph()
        papers = 0
        for paper in catalog["papers"]:
            year = records[paper["line"] - 1].get("year")
            if not keep(year):
                continue
            papers += 1
            ids = [authors[k]["id"] for k in paper["byline"]]
            G.add_nodes_from(ids)
            G.add_edges_from((ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids)))
        return papers, G

    years = sorted({records[p["line"] - 1].get("year") for p in catalog["papers"]} - {None})
    growth = []
    for year in years:
        papers, G = graph(lambda y: y == year)
        so_far, H = graph(lambda y: y is not None and y <= year)
        growth.append([year, papers, G.number_of_nodes(), G.number_of_edges(), so_far, H.number_of_nodes(), H.number_of_edges()])
    _, whole = graph(lambda y: True)
    histogram = nx.degree_histogram(whole)
    sizes = collections.Counter(len(c) for c in nx.connected_components(whole))
    print(json.dumps({
        "growth": growth,
        "degreeHistogram": {k: n for k, n in enumerate(histogram) if n > 0},
        "componentSizes": dict(sorted(sizes.items())),
    }, indent=1))


if __name__ == "__main__":
    main()
