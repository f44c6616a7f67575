"""Reads exported network files back with NetworkX (the project's reference) and prints what it found.

Usage: /usr/bin/python3 tests/reference/read_exports.py FILE.gexf|FILE.graphml ...
Prints one JSON object per file: node count, the ties as "a|b" -> weight, and every node's attributes.
"""
import json
import sys

import networkx as nx

result = {}
for path in sys.argv[1:]:
    graph = nx.read_gexf(path) if path.endswith(".gexf") else nx.read_graphml(path)
    result[path] = {
        "directed": graph.is_directed(),
        "nodes": {node: {k: v for k, v in data.items() if k != "viz"} for node, data in graph.nodes(data=True)},
        "ties": {"|".join(sorted((a, b))): data.get("weight") for a, b, data in graph.edges(data=True)},
    }
print(json.dumps(result))
