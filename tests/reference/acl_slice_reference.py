#!/usr/bin/env python3
"""NetworkX reference values for the ACL Anthology 2016 slice (tests/fixtures/acl-anthology-2016.jsonl).

Standalone: the Python standard library and NetworkX only (2.8.8 as shipped by Debian's
python3-networkx; ``nx.pagerank`` in 2.8 delegates to ``pagerank_scipy``, so SciPy must be
importable too). It does NOT use project code: it reads the JSON Lines file itself and re-implements
the documented identity rules of the loader, so a bug there shows up as a mismatch in the tests:

- an author is a name compared after NFC + whitespace folding + case folding + accent folding (NFKD,
  marks dropped; ı İ ß ø ł đ æ œ transliterated; typographic dashes as '-') with the dots of initials
  read as spaces ("T.Q." = "T. Q." = "T Q"); the display name is the most frequent spelling (NFC +
  whitespace folded), the first seen on a tie; the same person twice on one byline counts once;
- a record with the same normalized title and the same byline as an earlier one is the same paper
  (merged: its spellings count, but it adds no collaboration);
- an author id is the slug of the display name (NFKD, marks dropped, lower-case, a few letters
  transliterated, non-alphanumerics -> '-', at most 80 characters cut at a word boundary), with
  '-2', '-3'... on a clash, claimed in order of first appearance after every paper id;
- an edge joins two co-authors of a paper, weight = number of joint papers.

Usage (from anywhere; the repo root is found from this file's location):

    /usr/bin/python3 tests/reference/acl_slice_reference.py            # summary to stdout
    /usr/bin/python3 tests/reference/acl_slice_reference.py --write    # (re)write the expected JSON

Exact betweenness, closeness and harmonic take a few minutes in pure Python on this slice.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import math
import multiprocessing
import platform
import re
import sys
import time
import unicodedata
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import networkx_reference  # noqa: E402  (the converged-run check and the structure figures, shared with the seed)

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
SLICE_FILE = REPO_ROOT / "tests" / "fixtures" / "acl-anthology-2016.jsonl"
OUT_FILE = REPO_ROOT / "tests" / "fixtures" / "acl-anthology-2016-networkx.json"

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator), which the loader folds; Python's str.split()
# uses a slightly different set (it skips U+FEFF and adds U+001C-U+001F), so spell it out.
JS_WHITESPACE = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
MAX_SLUG_LENGTH = 80


# --------------------------------------------------------------------------- names


def clean_text(text: str) -> str:
    """NFC + whitespace folding: what is stored and displayed."""
    return JS_WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip(" ")


def is_plain_ascii(text: str) -> bool:
    return all(" " <= ch <= "~" for ch in text)


FOLDED_LETTERS = {"ı": "i", "İ": "i", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
DASHES = re.compile("[\u2010-\u2015\u2212]")


def search_key(text: str) -> str:
    """clean_text, case folded, accents removed (NFKD, marks dropped), a few letters transliterated, dashes -> '-'."""
    clean = clean_text(text)
    if is_plain_ascii(clean):
        return clean.lower()
    s = unicodedata.normalize("NFKD", clean)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    s = "".join(FOLDED_LETTERS.get(ch, ch) for ch in s.lower())
    return DASHES.sub("-", s)


def identity_key(name: str) -> str:
    """Two spellings with the same key are one person: search_key with the dots of initials as spaces."""
    return JS_WHITESPACE.sub(" ", search_key(name).replace(".", " ")).strip(" ")


def slugify(text: str) -> str:
    slug = re.sub("[^a-z0-9]+", "-", search_key(text)).strip("-")
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    cut = slug[: MAX_SLUG_LENGTH + 1]
    boundary = cut.rfind("-")
    return cut[:boundary] if boundary > 0 else slug[:MAX_SLUG_LENGTH]


def title_key(title: str) -> str:
    """Normalized title for duplicate detection: search_key, runs of non-letters/digits -> one space."""
    out, gap = [], False
    for ch in search_key(title):
        if unicodedata.category(ch)[0] in "LN":
            if gap and out:
                out.append(" ")
            out.append(ch)
            gap = False
        else:
            gap = True
    return "".join(out)


# --------------------------------------------------------------------------- catalog


def read_catalog(path: Path) -> dict:
    """Papers (merged duplicates), authors (display name, id) and the co-author graph keyed by author id."""
    variants: dict[str, dict[str, int]] = {}  # identity key -> spelling -> count (insertion ordered)
    papers: list[dict] = []
    by_id: dict[str, dict] = {}
    by_content: dict[str, dict] = {}
    merged = 0
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            names = record["authors"]
            byline_keys = list(dict.fromkeys(identity_key(n) for n in names))
            content = title_key(record["title"]) + "|" + "|".join(byline_keys)
            earlier = by_id.get(record["id"]) or by_content.get(content)
            if earlier is not None and earlier["content"] != content:
                raise SystemExit(f"line {lineno}: id {record['id']} repeated with another title/byline (not expected in this slice)")
            for n in names:
                spellings = variants.setdefault(identity_key(n), {})
                spellings[clean_text(n)] = spellings.get(clean_text(n), 0) + 1
            if earlier is not None:
                merged += 1
                by_id.setdefault(record["id"], earlier)
                continue
            paper = {"id": record["id"], "content": content, "byline": byline_keys, "line": lineno}
            papers.append(paper)
            by_id.setdefault(record["id"], paper)
            by_content.setdefault(content, paper)

    taken: set[str] = set()

    def claim(base: str, fallback: str) -> str:
        root = base or fallback
        candidate, n = root, 2
        while candidate in taken:
            candidate, n = f"{root}-{n}", n + 1
        taken.add(candidate)
        return candidate

    for paper in papers:
        claim(paper["id"], "paper")
    authors: dict[str, dict] = {}
    for key, spellings in variants.items():
        best, best_count = "", 0
        for spelling, count in spellings.items():
            if count > best_count:
                best, best_count = spelling, count
        authors[key] = {"name": best, "id": claim(slugify(best), "author")}

    G = nx.Graph()
    G.add_nodes_from(a["id"] for a in authors.values())
    for paper in papers:
        ids = [authors[k]["id"] for k in paper["byline"]]
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                if G.has_edge(ids[i], ids[j]):
                    G[ids[i]][ids[j]]["weight"] += 1
                else:
                    G.add_edge(ids[i], ids[j], weight=1)
    return {"papers": papers, "merged": merged, "authors": authors, "graph": G}


# --------------------------------------------------------------------------- metrics


TIGHT_PAGERANK = {"max_iter": 20000, "tol": 1e-17}
TIGHT_EIGENVECTOR = {"max_iter": 20000, "tol": 1e-18}


def nan_to_none(values: dict) -> dict:
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in values.items()}


def compute(progress=print) -> dict:
    catalog = read_catalog(SLICE_FILE)
    G: nx.Graph = catalog["graph"]
    ids = sorted(G.nodes)
    name_of = {a["id"]: a["name"] for a in catalog["authors"].values()}
    components = sorted((len(c) for c in nx.connected_components(G)), reverse=True)
    timings = {}

    def timed(label, fn):
        started = time.perf_counter()
        value = fn()
        timings[label] = round(time.perf_counter() - started, 3)
        progress(f"{label}: {timings[label]} s")
        return value

    # The all-pairs metrics and path figures are pure Python and slow (minutes each): run in forked processes while
    # this one computes the rest. Same calls, same values; the pool only saves wall time.
    global _POOL_GRAPH
    _POOL_GRAPH = G
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=4, mp_context=context) as pool:
        slow = {name: pool.submit(_slow_metric, name) for name in ("betweenness", "closeness", "harmonic", "structure")}
        values = _fast_metrics(G, timed)
        for name, future in slow.items():
            values[name] = timed(f"{name} (waited for)", future.result)
    structure = values.pop("structure")
    values = {name: values[name] for name in VALUE_ORDER}
    check = networkx_reference.check_converged(G, values["pagerankTight"], values["eigenvectorTight"])
    max_default_vs_tight = {
        m: max(abs(values[m][n] - values[m + "Tight"][n]) for n in ids) for m in ("pagerank", "eigenvector")
    }
    return {
        "stats": {
            "papers": len(catalog["papers"]),
            "duplicatesMerged": catalog["merged"],
            "authors": G.number_of_nodes(),
            "collaborations": G.number_of_edges(),
            "components": len(components),
            "largestComponent": components[0] if components else 0,
            "totalWeight": sum(w for _, _, w in G.edges(data="weight")),
        },
        "ids": ids,
        "names": [name_of[i] for i in ids],
        **{metric: [table[i] for i in ids] for metric, table in values.items()},
        "maxDefaultVsTight": max_default_vs_tight,
        "tightCheck": check,
        "structure": structure,
    }


VALUE_ORDER = (
    "betweenness", "closeness", "harmonic", "pagerank", "eigenvector", "pagerankTight", "eigenvectorTight",
    "coreness", "clustering", "constraint", "effectiveSize",
)
_POOL_GRAPH = None


def _slow_metric(name: str) -> dict:
    G = _POOL_GRAPH
    if name == "betweenness":
        return nx.betweenness_centrality(G, normalized=True, weight=None)
    if name == "closeness":
        return nx.closeness_centrality(G)
    if name == "structure":
        return networkx_reference.structure(G)
    return nx.harmonic_centrality(G)


class _UndirectedGraph(nx.Graph):
    """nx.Graph whose to_undirected() is itself: NetworkX's unweighted effective_size calls
    ego_graph(..., undirected=True), which copies the whole graph (G.to_undirected()) once per author;
    on an undirected graph that copy is the graph itself, so skipping it changes no value (an hour here)."""

    def to_undirected(self, as_view=False):  # noqa: ARG002
        return self


def _fast_metrics(G, timed) -> dict:
    undirected = _UndirectedGraph(G)
    return {
        "pagerank": timed("pagerank", lambda: nx.pagerank(G, alpha=0.85, weight="weight")),
        "eigenvector": timed("eigenvector", lambda: nx.eigenvector_centrality(G, weight="weight")),
        # Run to the fixed point: NetworkX's tol=1e-12 still leaves PageRank ~4e-7 (relative) off here.
        "pagerankTight": timed("pagerankTight", lambda: nx.pagerank(G, alpha=0.85, weight="weight", **TIGHT_PAGERANK)),
        "eigenvectorTight": timed("eigenvectorTight", lambda: nx.eigenvector_centrality(G, weight="weight", **TIGHT_EIGENVECTOR)),
        "coreness": timed("coreness", lambda: nx.core_number(G)),
        "clustering": timed("clustering", lambda: nx.clustering(G)),
        # None where NetworkX gives NaN (an author without co-authors)
        "constraint": timed("constraint", lambda: nan_to_none(nx.constraint(G))),
        "effectiveSize": timed("effectiveSize", lambda: nan_to_none(nx.effective_size(undirected))),
    }


def write(result: dict, out: Path) -> None:
    today = datetime.date.today().isoformat()
    scipy_version = None
    try:
        import scipy

        scipy_version = scipy.__version__
    except ImportError:
        pass
    document = {
        "about": [
            "NetworkX reference values for tests/fixtures/acl-anthology-2016.jsonl. GENERATED FILE: do not edit by hand.",
            f"Computed on {today} by `/usr/bin/python3 tests/reference/acl_slice_reference.py --write` with NetworkX {nx.__version__}",
            f"(Debian python3-networkx), Python {platform.python_version()}, SciPy {scipy_version}. The script reads the slice itself (no project code).",
            "Arrays are aligned with `ids` (author ids, sorted by code unit); `names` are the display names.",
            "betweenness = nx.betweenness_centrality(G, normalized=True, weight=None); closeness = nx.closeness_centrality(G) (wf_improved);",
            "harmonic = nx.harmonic_centrality(G); pagerank = nx.pagerank(G, alpha=0.85, weight='weight');",
            "eigenvector = nx.eigenvector_centrality(G, weight='weight'); pagerankTight / eigenvectorTight = the same run to the fixed point,",
            "max_iter=20000 and tol=1e-17 / 1e-18 (tol=1e-12 leaves PageRank ~4e-7 relative off here); tightCheck = their distance from a SciPy",
            "direct solve (PageRank, relative) and eigsh (eigenvector, relative above 1e-6, absolute below), see networkx_reference.check_converged.",
            "coreness = nx.core_number(G); clustering = nx.clustering(G); constraint = nx.constraint(G); effectiveSize = nx.effective_size(G)",
            "(unweighted; null where NetworkX gives NaN: an author without co-authors). structure: see networkx_reference.structure",
            "(degeneracy, transitivity, average clustering, degree assortativity, largest component share, and the largest component's",
            "average shortest path length and diameter).",
            "maxDefaultVsTight = max |default - tight| over all authors (the default stopping rule leaves about that much error).",
            "Data: ACL Anthology, https://aclanthology.org/, CC BY 4.0 (see tests/fixtures/README.md).",
        ],
        "generator": {
            "script": "tests/reference/acl_slice_reference.py",
            "networkx": nx.__version__,
            "python": platform.python_version(),
            "scipy": scipy_version,
            "date": today,
        },
        **result,
    }
    for key, value in document.items():
        if isinstance(value, list) and value and isinstance(value[0], (float, int)):
            # None is NetworkX's NaN (constraint / effective size of an author without co-authors)
            assert all(v is None or math.isfinite(v) for v in value), f"non-finite value in {key}"
    # One array per line keeps the file diffable and compact; floats are written with repr(), the shortest
    # string that round-trips to the same double, which JavaScript parses to the identical number.
    lines = ["{"]
    items = list(document.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, allow_nan=False)}{comma}")
    lines.append("}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"write {OUT_FILE.relative_to(REPO_ROOT)}")
    parser.add_argument("--stats-only", action="store_true", help="parse and print the graph statistics only")
    args = parser.parse_args(argv)
    if args.stats_only:
        catalog = read_catalog(SLICE_FILE)
        G = catalog["graph"]
        print(json.dumps({"papers": len(catalog["papers"]), "merged": catalog["merged"], "authors": G.number_of_nodes(), "edges": G.number_of_edges()}))
        return 0
    result = compute(progress=lambda line: print(line, file=sys.stderr))
    print(json.dumps(result["stats"]))
    if args.write:
        write(result, OUT_FILE)
        print(f"wrote {OUT_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
