/**
 * NetworkX reference values for the coauthor-graph tests. GENERATED FILE: do not edit by hand.
 *
 * Computed by tests/reference/networkx_reference.py with NetworkX 2.8.8 (Debian python3-networkx),
 * run as `/usr/bin/python3 tests/reference/networkx_reference.py` (with `--write-ts` to write this file) on 2026-11-30
 * (Python 3.11.2, SciPy 1.10.1: NetworkX 2.8's `pagerank` delegates to `pagerank_scipy`).
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

export const seedExpected = {
  "authorIds": {
    "Charlie Nash": "charlie-nash",
    "David Duvenaud": "david-duvenaud",
    "David J. Fleet": "david-j-fleet",
    "Fabian Pedregosa": "fabian-pedregosa",
    "Fartash Faghri": "fartash-faghri",
    "Jacob Kelly": "jacob-kelly",
    "Jens Behrmann": "jens-behrmann",
    "Jesse Bettencourt": "jesse-bettencourt",
    "Jimmy Ba": "jimmy-ba",
    "Jonathan Lorraine": "jonathan-lorraine",
    "Jörn-Henrik Jacobsen": "jorn-henrik-jacobsen",
    "Kevin Swersky": "kevin-swersky",
    "Matthew James Johnson": "matthew-james-johnson",
    "Matthew MacKay": "matthew-mackay",
    "Milad Hashemi": "milad-hashemi",
    "Mohammad Norouzi": "mohammad-norouzi",
    "Paul Vicol": "paul-vicol",
    "Raquel Urtasun": "raquel-urtasun",
    "Renjie Liao": "renjie-liao",
    "Richard S. Zemel": "richard-s-zemel",
    "Ricky T. Q. Chen": "ricky-t-q-chen",
    "Roger Grosse": "roger-grosse",
    "Shenlong Wang": "shenlong-wang",
    "Will Grathwohl": "will-grathwohl",
    "William L. Hamilton": "william-l-hamilton",
    "Winnie Xu": "winnie-xu",
    "Xuechen Li": "xuechen-li",
    "Yang Song": "yang-song",
    "Yujia Li": "yujia-li",
    "Yulia Rubanova": "yulia-rubanova"
  },
  "convergence": {
    "check": {
      "eigenvectorMaxScaledToLanczos": 2.4129357884916034e-15,
      "pagerankMaxRelativeToDirectSolve": 8.132369982747118e-16
    },
    "eigenvector": {
      "defaultConverged": true,
      "defaultError": null,
      "defaultParams": {
        "max_iter": 100,
        "tol": 1e-06
      },
      "maxAbsDiffDefaultVsTight": 3.0375988248620978e-06,
      "tightConverged": true,
      "tightError": null,
      "tightParams": {
        "max_iter": 20000,
        "tol": 1e-17
      }
    },
    "pagerank": {
      "defaultConverged": true,
      "defaultError": null,
      "defaultParams": {
        "max_iter": 100,
        "tol": 1e-06
      },
      "maxAbsDiffDefaultVsTight": 4.519140137687616e-06,
      "tightConverged": true,
      "tightError": null,
      "tightParams": {
        "max_iter": 20000,
        "tol": 1e-18
      }
    }
  },
  "edges": [
    [
      "Charlie Nash",
      "David Duvenaud",
      1
    ],
    [
      "Charlie Nash",
      "Raquel Urtasun",
      1
    ],
    [
      "Charlie Nash",
      "Renjie Liao",
      1
    ],
    [
      "Charlie Nash",
      "Richard S. Zemel",
      1
    ],
    [
      "Charlie Nash",
      "Shenlong Wang",
      1
    ],
    [
      "Charlie Nash",
      "William L. Hamilton",
      1
    ],
    [
      "Charlie Nash",
      "Yang Song",
      1
    ],
    [
      "Charlie Nash",
      "Yujia Li",
      1
    ],
    [
      "David Duvenaud",
      "David J. Fleet",
      1
    ],
    [
      "David Duvenaud",
      "Fabian Pedregosa",
      1
    ],
    [
      "David Duvenaud",
      "Fartash Faghri",
      1
    ],
    [
      "David Duvenaud",
      "Jacob Kelly",
      2
    ],
    [
      "David Duvenaud",
      "Jens Behrmann",
      2
    ],
    [
      "David Duvenaud",
      "Jesse Bettencourt",
      1
    ],
    [
      "David Duvenaud",
      "Jimmy Ba",
      1
    ],
    [
      "David Duvenaud",
      "Jonathan Lorraine",
      2
    ],
    [
      "David Duvenaud",
      "Jörn-Henrik Jacobsen",
      2
    ],
    [
      "David Duvenaud",
      "Kevin Swersky",
      1
    ],
    [
      "David Duvenaud",
      "Matthew James Johnson",
      1
    ],
    [
      "David Duvenaud",
      "Matthew MacKay",
      1
    ],
    [
      "David Duvenaud",
      "Milad Hashemi",
      1
    ],
    [
      "David Duvenaud",
      "Mohammad Norouzi",
      1
    ],
    [
      "David Duvenaud",
      "Paul Vicol",
      2
    ],
    [
      "David Duvenaud",
      "Raquel Urtasun",
      1
    ],
    [
      "David Duvenaud",
      "Renjie Liao",
      1
    ],
    [
      "David Duvenaud",
      "Richard S. Zemel",
      1
    ],
    [
      "David Duvenaud",
      "Ricky T. Q. Chen",
      3
    ],
    [
      "David Duvenaud",
      "Roger Grosse",
      2
    ],
    [
      "David Duvenaud",
      "Shenlong Wang",
      1
    ],
    [
      "David Duvenaud",
      "Will Grathwohl",
      1
    ],
    [
      "David Duvenaud",
      "William L. Hamilton",
      1
    ],
    [
      "David Duvenaud",
      "Winnie Xu",
      1
    ],
    [
      "David Duvenaud",
      "Xuechen Li",
      1
    ],
    [
      "David Duvenaud",
      "Yang Song",
      1
    ],
    [
      "David Duvenaud",
      "Yujia Li",
      1
    ],
    [
      "David Duvenaud",
      "Yulia Rubanova",
      1
    ],
    [
      "David J. Fleet",
      "Fartash Faghri",
      1
    ],
    [
      "David J. Fleet",
      "Jimmy Ba",
      1
    ],
    [
      "Fabian Pedregosa",
      "Jonathan Lorraine",
      1
    ],
    [
      "Fabian Pedregosa",
      "Paul Vicol",
      1
    ],
    [
      "Fabian Pedregosa",
      "Roger Grosse",
      1
    ],
    [
      "Fartash Faghri",
      "Jimmy Ba",
      1
    ],
    [
      "Jacob Kelly",
      "Jesse Bettencourt",
      1
    ],
    [
      "Jacob Kelly",
      "Kevin Swersky",
      1
    ],
    [
      "Jacob Kelly",
      "Matthew James Johnson",
      1
    ],
    [
      "Jacob Kelly",
      "Milad Hashemi",
      1
    ],
    [
      "Jacob Kelly",
      "Mohammad Norouzi",
      1
    ],
    [
      "Jacob Kelly",
      "Will Grathwohl",
      1
    ],
    [
      "Jens Behrmann",
      "Jörn-Henrik Jacobsen",
      2
    ],
    [
      "Jens Behrmann",
      "Ricky T. Q. Chen",
      1
    ],
    [
      "Jesse Bettencourt",
      "Matthew James Johnson",
      1
    ],
    [
      "Jonathan Lorraine",
      "Matthew MacKay",
      1
    ],
    [
      "Jonathan Lorraine",
      "Paul Vicol",
      2
    ],
    [
      "Jonathan Lorraine",
      "Roger Grosse",
      2
    ],
    [
      "Jörn-Henrik Jacobsen",
      "Ricky T. Q. Chen",
      1
    ],
    [
      "Kevin Swersky",
      "Milad Hashemi",
      1
    ],
    [
      "Kevin Swersky",
      "Mohammad Norouzi",
      1
    ],
    [
      "Kevin Swersky",
      "Will Grathwohl",
      1
    ],
    [
      "Matthew MacKay",
      "Paul Vicol",
      1
    ],
    [
      "Matthew MacKay",
      "Roger Grosse",
      1
    ],
    [
      "Milad Hashemi",
      "Mohammad Norouzi",
      1
    ],
    [
      "Milad Hashemi",
      "Will Grathwohl",
      1
    ],
    [
      "Mohammad Norouzi",
      "Will Grathwohl",
      1
    ],
    [
      "Paul Vicol",
      "Roger Grosse",
      2
    ],
    [
      "Raquel Urtasun",
      "Renjie Liao",
      1
    ],
    [
      "Raquel Urtasun",
      "Richard S. Zemel",
      1
    ],
    [
      "Raquel Urtasun",
      "Shenlong Wang",
      1
    ],
    [
      "Raquel Urtasun",
      "William L. Hamilton",
      1
    ],
    [
      "Raquel Urtasun",
      "Yang Song",
      1
    ],
    [
      "Raquel Urtasun",
      "Yujia Li",
      1
    ],
    [
      "Renjie Liao",
      "Richard S. Zemel",
      1
    ],
    [
      "Renjie Liao",
      "Shenlong Wang",
      1
    ],
    [
      "Renjie Liao",
      "William L. Hamilton",
      1
    ],
    [
      "Renjie Liao",
      "Yang Song",
      1
    ],
    [
      "Renjie Liao",
      "Yujia Li",
      1
    ],
    [
      "Richard S. Zemel",
      "Shenlong Wang",
      1
    ],
    [
      "Richard S. Zemel",
      "William L. Hamilton",
      1
    ],
    [
      "Richard S. Zemel",
      "Yang Song",
      1
    ],
    [
      "Richard S. Zemel",
      "Yujia Li",
      1
    ],
    [
      "Ricky T. Q. Chen",
      "Winnie Xu",
      1
    ],
    [
      "Ricky T. Q. Chen",
      "Xuechen Li",
      1
    ],
    [
      "Ricky T. Q. Chen",
      "Yulia Rubanova",
      1
    ],
    [
      "Shenlong Wang",
      "William L. Hamilton",
      1
    ],
    [
      "Shenlong Wang",
      "Yang Song",
      1
    ],
    [
      "Shenlong Wang",
      "Yujia Li",
      1
    ],
    [
      "William L. Hamilton",
      "Yang Song",
      1
    ],
    [
      "William L. Hamilton",
      "Yujia Li",
      1
    ],
    [
      "Winnie Xu",
      "Xuechen Li",
      1
    ],
    [
      "Yang Song",
      "Yujia Li",
      1
    ]
  ],
  "extraPaths": [
    {
      "allShortestPathIds": [
        [
          "jens-behrmann",
          "david-duvenaud",
          "winnie-xu"
        ],
        [
          "jens-behrmann",
          "ricky-t-q-chen",
          "winnie-xu"
        ]
      ],
      "allShortestPaths": [
        [
          "Jens Behrmann",
          "David Duvenaud",
          "Winnie Xu"
        ],
        [
          "Jens Behrmann",
          "Ricky T. Q. Chen",
          "Winnie Xu"
        ]
      ],
      "from": "Jens Behrmann",
      "length": 2,
      "to": "Winnie Xu",
      "weightiestShortestPath": {
        "authors": [
          "Jens Behrmann",
          "David Duvenaud",
          "Winnie Xu"
        ],
        "hopWeights": [
          2,
          1
        ],
        "ids": [
          "jens-behrmann",
          "david-duvenaud",
          "winnie-xu"
        ],
        "totalJointPapers": 3
      }
    },
    {
      "allShortestPathIds": [
        [
          "xuechen-li",
          "david-duvenaud",
          "yulia-rubanova"
        ],
        [
          "xuechen-li",
          "ricky-t-q-chen",
          "yulia-rubanova"
        ]
      ],
      "allShortestPaths": [
        [
          "Xuechen Li",
          "David Duvenaud",
          "Yulia Rubanova"
        ],
        [
          "Xuechen Li",
          "Ricky T. Q. Chen",
          "Yulia Rubanova"
        ]
      ],
      "from": "Xuechen Li",
      "length": 2,
      "to": "Yulia Rubanova",
      "weightiestShortestPath": {
        "authors": [
          "Xuechen Li",
          "David Duvenaud",
          "Yulia Rubanova"
        ],
        "hopWeights": [
          1,
          1
        ],
        "ids": [
          "xuechen-li",
          "david-duvenaud",
          "yulia-rubanova"
        ],
        "totalJointPapers": 2
      }
    },
    {
      "allShortestPathIds": [
        [
          "matthew-mackay",
          "david-duvenaud",
          "fabian-pedregosa"
        ],
        [
          "matthew-mackay",
          "jonathan-lorraine",
          "fabian-pedregosa"
        ],
        [
          "matthew-mackay",
          "paul-vicol",
          "fabian-pedregosa"
        ],
        [
          "matthew-mackay",
          "roger-grosse",
          "fabian-pedregosa"
        ]
      ],
      "allShortestPaths": [
        [
          "Matthew MacKay",
          "David Duvenaud",
          "Fabian Pedregosa"
        ],
        [
          "Matthew MacKay",
          "Jonathan Lorraine",
          "Fabian Pedregosa"
        ],
        [
          "Matthew MacKay",
          "Paul Vicol",
          "Fabian Pedregosa"
        ],
        [
          "Matthew MacKay",
          "Roger Grosse",
          "Fabian Pedregosa"
        ]
      ],
      "from": "Matthew MacKay",
      "length": 2,
      "to": "Fabian Pedregosa",
      "weightiestShortestPath": {
        "authors": [
          "Matthew MacKay",
          "David Duvenaud",
          "Fabian Pedregosa"
        ],
        "hopWeights": [
          1,
          1
        ],
        "ids": [
          "matthew-mackay",
          "david-duvenaud",
          "fabian-pedregosa"
        ],
        "totalJointPapers": 2
      }
    }
  ],
  "metrics": {
    "betweenness": {
      "Charlie Nash": 0.0,
      "David Duvenaud": 0.8306650246305419,
      "David J. Fleet": 0.0,
      "Fabian Pedregosa": 0.0,
      "Fartash Faghri": 0.0,
      "Jacob Kelly": 0.009852216748768473,
      "Jens Behrmann": 0.0,
      "Jesse Bettencourt": 0.0,
      "Jimmy Ba": 0.0,
      "Jonathan Lorraine": 0.0006157635467980296,
      "Jörn-Henrik Jacobsen": 0.0,
      "Kevin Swersky": 0.0,
      "Matthew James Johnson": 0.0,
      "Matthew MacKay": 0.0,
      "Milad Hashemi": 0.0,
      "Mohammad Norouzi": 0.0,
      "Paul Vicol": 0.0006157635467980296,
      "Raquel Urtasun": 0.0,
      "Renjie Liao": 0.0,
      "Richard S. Zemel": 0.0,
      "Ricky T. Q. Chen": 0.009852216748768473,
      "Roger Grosse": 0.0006157635467980296,
      "Shenlong Wang": 0.0,
      "Will Grathwohl": 0.0,
      "William L. Hamilton": 0.0,
      "Winnie Xu": 0.0,
      "Xuechen Li": 0.0,
      "Yang Song": 0.0,
      "Yujia Li": 0.0,
      "Yulia Rubanova": 0.0
    },
    "closeness": {
      "Charlie Nash": 0.58,
      "David Duvenaud": 1.0,
      "David J. Fleet": 0.5272727272727272,
      "Fabian Pedregosa": 0.5370370370370371,
      "Fartash Faghri": 0.5272727272727272,
      "Jacob Kelly": 0.5686274509803921,
      "Jens Behrmann": 0.5272727272727272,
      "Jesse Bettencourt": 0.5272727272727272,
      "Jimmy Ba": 0.5272727272727272,
      "Jonathan Lorraine": 0.5471698113207547,
      "Jörn-Henrik Jacobsen": 0.5272727272727272,
      "Kevin Swersky": 0.5471698113207547,
      "Matthew James Johnson": 0.5272727272727272,
      "Matthew MacKay": 0.5370370370370371,
      "Milad Hashemi": 0.5471698113207547,
      "Mohammad Norouzi": 0.5471698113207547,
      "Paul Vicol": 0.5471698113207547,
      "Raquel Urtasun": 0.58,
      "Renjie Liao": 0.58,
      "Richard S. Zemel": 0.58,
      "Ricky T. Q. Chen": 0.5576923076923077,
      "Roger Grosse": 0.5471698113207547,
      "Shenlong Wang": 0.58,
      "Will Grathwohl": 0.5471698113207547,
      "William L. Hamilton": 0.58,
      "Winnie Xu": 0.5272727272727272,
      "Xuechen Li": 0.5272727272727272,
      "Yang Song": 0.58,
      "Yujia Li": 0.58,
      "Yulia Rubanova": 0.5178571428571429
    },
    "clustering": {
      "Charlie Nash": 1.0,
      "David Duvenaud": 0.1477832512315271,
      "David J. Fleet": 1.0,
      "Fabian Pedregosa": 1.0,
      "Fartash Faghri": 1.0,
      "Jacob Kelly": 0.6190476190476191,
      "Jens Behrmann": 1.0,
      "Jesse Bettencourt": 1.0,
      "Jimmy Ba": 1.0,
      "Jonathan Lorraine": 0.9,
      "Jörn-Henrik Jacobsen": 1.0,
      "Kevin Swersky": 1.0,
      "Matthew James Johnson": 1.0,
      "Matthew MacKay": 1.0,
      "Milad Hashemi": 1.0,
      "Mohammad Norouzi": 1.0,
      "Paul Vicol": 0.9,
      "Raquel Urtasun": 1.0,
      "Renjie Liao": 1.0,
      "Richard S. Zemel": 1.0,
      "Ricky T. Q. Chen": 0.4666666666666667,
      "Roger Grosse": 0.9,
      "Shenlong Wang": 1.0,
      "Will Grathwohl": 1.0,
      "William L. Hamilton": 1.0,
      "Winnie Xu": 1.0,
      "Xuechen Li": 1.0,
      "Yang Song": 1.0,
      "Yujia Li": 1.0,
      "Yulia Rubanova": 1.0
    },
    "constraint": {
      "Charlie Nash": 0.4032230626672117,
      "David Duvenaud": 0.11104654862341289,
      "David J. Fleet": 0.7244021667327256,
      "Fabian Pedregosa": 0.5458263971462544,
      "Fartash Faghri": 0.7244021667327256,
      "Jacob Kelly": 0.41862085143213046,
      "Jens Behrmann": 0.6181867559196136,
      "Jesse Bettencourt": 0.6040209363350748,
      "Jimmy Ba": 0.7244021667327256,
      "Jonathan Lorraine": 0.549693697978597,
      "Jörn-Henrik Jacobsen": 0.6181867559196136,
      "Kevin Swersky": 0.5269235361207505,
      "Matthew James Johnson": 0.6040209363350748,
      "Matthew MacKay": 0.5458263971462544,
      "Milad Hashemi": 0.5269235361207505,
      "Mohammad Norouzi": 0.5269235361207505,
      "Paul Vicol": 0.549693697978597,
      "Raquel Urtasun": 0.4032230626672117,
      "Renjie Liao": 0.4032230626672117,
      "Richard S. Zemel": 0.4032230626672117,
      "Ricky T. Q. Chen": 0.46060043892485425,
      "Roger Grosse": 0.549693697978597,
      "Shenlong Wang": 0.4032230626672117,
      "Will Grathwohl": 0.5269235361207505,
      "William L. Hamilton": 0.4032230626672117,
      "Winnie Xu": 0.6181867559196136,
      "Xuechen Li": 0.6181867559196136,
      "Yang Song": 0.4032230626672117,
      "Yujia Li": 0.4032230626672117,
      "Yulia Rubanova": 0.607816422248646
    },
    "coreness": {
      "Charlie Nash": 8,
      "David Duvenaud": 8,
      "David J. Fleet": 3,
      "Fabian Pedregosa": 4,
      "Fartash Faghri": 3,
      "Jacob Kelly": 5,
      "Jens Behrmann": 3,
      "Jesse Bettencourt": 3,
      "Jimmy Ba": 3,
      "Jonathan Lorraine": 4,
      "Jörn-Henrik Jacobsen": 3,
      "Kevin Swersky": 5,
      "Matthew James Johnson": 3,
      "Matthew MacKay": 4,
      "Milad Hashemi": 5,
      "Mohammad Norouzi": 5,
      "Paul Vicol": 4,
      "Raquel Urtasun": 8,
      "Renjie Liao": 8,
      "Richard S. Zemel": 8,
      "Ricky T. Q. Chen": 3,
      "Roger Grosse": 4,
      "Shenlong Wang": 8,
      "Will Grathwohl": 5,
      "William L. Hamilton": 8,
      "Winnie Xu": 3,
      "Xuechen Li": 3,
      "Yang Song": 8,
      "Yujia Li": 8,
      "Yulia Rubanova": 2
    },
    "degree": {
      "Charlie Nash": 0.27586206896551724,
      "David Duvenaud": 1.0,
      "David J. Fleet": 0.10344827586206896,
      "Fabian Pedregosa": 0.13793103448275862,
      "Fartash Faghri": 0.10344827586206896,
      "Jacob Kelly": 0.24137931034482757,
      "Jens Behrmann": 0.10344827586206896,
      "Jesse Bettencourt": 0.10344827586206896,
      "Jimmy Ba": 0.10344827586206896,
      "Jonathan Lorraine": 0.1724137931034483,
      "Jörn-Henrik Jacobsen": 0.10344827586206896,
      "Kevin Swersky": 0.1724137931034483,
      "Matthew James Johnson": 0.10344827586206896,
      "Matthew MacKay": 0.13793103448275862,
      "Milad Hashemi": 0.1724137931034483,
      "Mohammad Norouzi": 0.1724137931034483,
      "Paul Vicol": 0.1724137931034483,
      "Raquel Urtasun": 0.27586206896551724,
      "Renjie Liao": 0.27586206896551724,
      "Richard S. Zemel": 0.27586206896551724,
      "Ricky T. Q. Chen": 0.20689655172413793,
      "Roger Grosse": 0.1724137931034483,
      "Shenlong Wang": 0.27586206896551724,
      "Will Grathwohl": 0.1724137931034483,
      "William L. Hamilton": 0.27586206896551724,
      "Winnie Xu": 0.10344827586206896,
      "Xuechen Li": 0.10344827586206896,
      "Yang Song": 0.27586206896551724,
      "Yujia Li": 0.27586206896551724,
      "Yulia Rubanova": 0.06896551724137931
    },
    "effectiveSize": {
      "Charlie Nash": 1.0,
      "David Duvenaud": 24.862068965517242,
      "David J. Fleet": 1.0,
      "Fabian Pedregosa": 1.0,
      "Fartash Faghri": 1.0,
      "Jacob Kelly": 3.2857142857142856,
      "Jens Behrmann": 1.0,
      "Jesse Bettencourt": 1.0,
      "Jimmy Ba": 1.0,
      "Jonathan Lorraine": 1.4,
      "Jörn-Henrik Jacobsen": 1.0,
      "Kevin Swersky": 1.0,
      "Matthew James Johnson": 1.0,
      "Matthew MacKay": 1.0,
      "Milad Hashemi": 1.0,
      "Mohammad Norouzi": 1.0,
      "Paul Vicol": 1.4,
      "Raquel Urtasun": 1.0,
      "Renjie Liao": 1.0,
      "Richard S. Zemel": 1.0,
      "Ricky T. Q. Chen": 3.6666666666666665,
      "Roger Grosse": 1.4,
      "Shenlong Wang": 1.0,
      "Will Grathwohl": 1.0,
      "William L. Hamilton": 1.0,
      "Winnie Xu": 1.0,
      "Xuechen Li": 1.0,
      "Yang Song": 1.0,
      "Yujia Li": 1.0,
      "Yulia Rubanova": 1.0
    },
    "eigenvector": {
      "Charlie Nash": 0.18149336827767665,
      "David Duvenaud": 0.5700640598723568,
      "David J. Fleet": 0.07002345797566298,
      "Fabian Pedregosa": 0.12298427667377207,
      "Fartash Faghri": 0.07002345797566298,
      "Jacob Kelly": 0.16921084964424135,
      "Jens Behrmann": 0.1678921168347546,
      "Jesse Bettencourt": 0.08087421071877385,
      "Jimmy Ba": 0.07002345797566298,
      "Jonathan Lorraine": 0.22570937077942727,
      "Jörn-Henrik Jacobsen": 0.1678921168347546,
      "Kevin Swersky": 0.10352468484738278,
      "Matthew James Johnson": 0.08087421071877385,
      "Matthew MacKay": 0.12298427667377207,
      "Milad Hashemi": 0.10352468484738278,
      "Mohammad Norouzi": 0.10352468484738278,
      "Paul Vicol": 0.22570937077942727,
      "Raquel Urtasun": 0.18149336827767665,
      "Renjie Liao": 0.18149336827767665,
      "Richard S. Zemel": 0.18149336827767665,
      "Ricky T. Q. Chen": 0.22668943488002974,
      "Roger Grosse": 0.22570937077942727,
      "Shenlong Wang": 0.18149336827767665,
      "Will Grathwohl": 0.10352468484738278,
      "William L. Hamilton": 0.18149336827767665,
      "Winnie Xu": 0.08716217205840289,
      "Xuechen Li": 0.08716217205840289,
      "Yang Song": 0.18149336827767665,
      "Yujia Li": 0.18149336827767665,
      "Yulia Rubanova": 0.0785671930289021
    },
    "harmonic": {
      "Charlie Nash": 18.5,
      "David Duvenaud": 29.0,
      "David J. Fleet": 16.0,
      "Fabian Pedregosa": 16.5,
      "Fartash Faghri": 16.0,
      "Jacob Kelly": 18.0,
      "Jens Behrmann": 16.0,
      "Jesse Bettencourt": 16.0,
      "Jimmy Ba": 16.0,
      "Jonathan Lorraine": 17.0,
      "Jörn-Henrik Jacobsen": 16.0,
      "Kevin Swersky": 17.0,
      "Matthew James Johnson": 16.0,
      "Matthew MacKay": 16.5,
      "Milad Hashemi": 17.0,
      "Mohammad Norouzi": 17.0,
      "Paul Vicol": 17.0,
      "Raquel Urtasun": 18.5,
      "Renjie Liao": 18.5,
      "Richard S. Zemel": 18.5,
      "Ricky T. Q. Chen": 17.5,
      "Roger Grosse": 17.0,
      "Shenlong Wang": 18.5,
      "Will Grathwohl": 17.0,
      "William L. Hamilton": 18.5,
      "Winnie Xu": 16.0,
      "Xuechen Li": 16.0,
      "Yang Song": 18.5,
      "Yujia Li": 18.5,
      "Yulia Rubanova": 15.5
    },
    "pagerank": {
      "Charlie Nash": 0.034806674868279944,
      "David Duvenaud": 0.17065327020847687,
      "David J. Fleet": 0.020586084159453476,
      "Fabian Pedregosa": 0.0209828079496532,
      "Fartash Faghri": 0.020586084159453476,
      "Jacob Kelly": 0.04199582962458208,
      "Jens Behrmann": 0.026206847987874034,
      "Jesse Bettencourt": 0.018673608446461376,
      "Jimmy Ba": 0.020586084159453476,
      "Jonathan Lorraine": 0.03784190455910044,
      "Jörn-Henrik Jacobsen": 0.026206847987874034,
      "Kevin Swersky": 0.02731238032865823,
      "Matthew James Johnson": 0.018673608446461376,
      "Matthew MacKay": 0.0209828079496532,
      "Milad Hashemi": 0.02731238032865823,
      "Mohammad Norouzi": 0.02731238032865823,
      "Paul Vicol": 0.03784190455910044,
      "Raquel Urtasun": 0.034806674868279944,
      "Renjie Liao": 0.034806674868279944,
      "Richard S. Zemel": 0.034806674868279944,
      "Ricky T. Q. Chen": 0.04193318583037324,
      "Roger Grosse": 0.03784190455910044,
      "Shenlong Wang": 0.034806674868279944,
      "Will Grathwohl": 0.02731238032865823,
      "William L. Hamilton": 0.034806674868279944,
      "Winnie Xu": 0.018664186536433758,
      "Xuechen Li": 0.018664186536433758,
      "Yang Song": 0.034806674868279944,
      "Yujia Li": 0.034806674868279944,
      "Yulia Rubanova": 0.013375926079188897
    },
    "weightedDegree": {
      "Charlie Nash": 8,
      "David Duvenaud": 37,
      "David J. Fleet": 3,
      "Fabian Pedregosa": 4,
      "Fartash Faghri": 3,
      "Jacob Kelly": 8,
      "Jens Behrmann": 5,
      "Jesse Bettencourt": 3,
      "Jimmy Ba": 3,
      "Jonathan Lorraine": 8,
      "Jörn-Henrik Jacobsen": 5,
      "Kevin Swersky": 5,
      "Matthew James Johnson": 3,
      "Matthew MacKay": 4,
      "Milad Hashemi": 5,
      "Mohammad Norouzi": 5,
      "Paul Vicol": 8,
      "Raquel Urtasun": 8,
      "Renjie Liao": 8,
      "Richard S. Zemel": 8,
      "Ricky T. Q. Chen": 8,
      "Roger Grosse": 8,
      "Shenlong Wang": 8,
      "Will Grathwohl": 5,
      "William L. Hamilton": 8,
      "Winnie Xu": 3,
      "Xuechen Li": 3,
      "Yang Song": 8,
      "Yujia Li": 8,
      "Yulia Rubanova": 2
    }
  },
  "metricsTight": {
    "eigenvector": {
      "Charlie Nash": 0.18149033067885179,
      "David Duvenaud": 0.5700656454578545,
      "David J. Fleet": 0.07002381805152362,
      "Fabian Pedregosa": 0.12298574860549637,
      "Fartash Faghri": 0.07002381805152362,
      "Jacob Kelly": 0.16921192445874825,
      "Jens Behrmann": 0.16789311239283464,
      "Jesse Bettencourt": 0.08087469173698447,
      "Jimmy Ba": 0.07002381805152362,
      "Jonathan Lorraine": 0.2257119639759309,
      "Jörn-Henrik Jacobsen": 0.16789311239283464,
      "Kevin Swersky": 0.10352541569157006,
      "Matthew James Johnson": 0.08087469173698447,
      "Matthew MacKay": 0.12298574860549637,
      "Milad Hashemi": 0.10352541569157006,
      "Mohammad Norouzi": 0.10352541569157006,
      "Paul Vicol": 0.2257119639759309,
      "Raquel Urtasun": 0.18149033067885179,
      "Renjie Liao": 0.18149033067885179,
      "Richard S. Zemel": 0.18149033067885179,
      "Ricky T. Q. Chen": 0.2266907154725421,
      "Roger Grosse": 0.2257119639759309,
      "Shenlong Wang": 0.18149033067885179,
      "Will Grathwohl": 0.10352541569157006,
      "William L. Hamilton": 0.18149033067885179,
      "Winnie Xu": 0.08716269463849215,
      "Xuechen Li": 0.08716269463849215,
      "Yang Song": 0.18149033067885179,
      "Yujia Li": 0.18149033067885179,
      "Yulia Rubanova": 0.07856763687977758
    },
    "pagerank": {
      "Charlie Nash": 0.03481096252161775,
      "David Duvenaud": 0.17064875106833918,
      "David J. Fleet": 0.020585328798841267,
      "Fabian Pedregosa": 0.020981727328203664,
      "Fartash Faghri": 0.020585328798841267,
      "Jacob Kelly": 0.04199276033676805,
      "Jens Behrmann": 0.0262058199469755,
      "Jesse Bettencourt": 0.01867261385852952,
      "Jimmy Ba": 0.020585328798841267,
      "Jonathan Lorraine": 0.037839743316201144,
      "Jörn-Henrik Jacobsen": 0.0262058199469755,
      "Kevin Swersky": 0.027310285575400318,
      "Matthew James Johnson": 0.01867261385852952,
      "Matthew MacKay": 0.020981727328203664,
      "Milad Hashemi": 0.027310285575400318,
      "Mohammad Norouzi": 0.027310285575400318,
      "Paul Vicol": 0.037839743316201144,
      "Raquel Urtasun": 0.03481096252161775,
      "Renjie Liao": 0.03481096252161775,
      "Richard S. Zemel": 0.03481096252161775,
      "Ricky T. Q. Chen": 0.041931509389879815,
      "Roger Grosse": 0.037839743316201144,
      "Shenlong Wang": 0.03481096252161775,
      "Will Grathwohl": 0.027310285575400318,
      "William L. Hamilton": 0.03481096252161775,
      "Winnie Xu": 0.018663533049543178,
      "Xuechen Li": 0.018663533049543178,
      "Yang Song": 0.03481096252161775,
      "Yujia Li": 0.03481096252161775,
      "Yulia Rubanova": 0.01337553201883928
    }
  },
  "nameVariants": {
    "Charlie Nash": [
      "Charlie Nash"
    ],
    "David Duvenaud": [
      "David Duvenaud"
    ],
    "David J. Fleet": [
      "David J. Fleet"
    ],
    "Fabian Pedregosa": [
      "Fabian Pedregosa"
    ],
    "Fartash Faghri": [
      "Fartash Faghri"
    ],
    "Jacob Kelly": [
      "Jacob Kelly"
    ],
    "Jens Behrmann": [
      "Jens Behrmann"
    ],
    "Jesse Bettencourt": [
      "Jesse Bettencourt"
    ],
    "Jimmy Ba": [
      "Jimmy Ba"
    ],
    "Jonathan Lorraine": [
      "Jon Lorraine",
      "Jonathan Lorraine"
    ],
    "Jörn-Henrik Jacobsen": [
      "Jörn-Henrik Jacobsen"
    ],
    "Kevin Swersky": [
      "Kevin Swersky"
    ],
    "Matthew James Johnson": [
      "Matthew James Johnson"
    ],
    "Matthew MacKay": [
      "Matthew MacKay"
    ],
    "Milad Hashemi": [
      "Milad Hashemi"
    ],
    "Mohammad Norouzi": [
      "Mohammad Norouzi"
    ],
    "Paul Vicol": [
      "Paul Vicol"
    ],
    "Raquel Urtasun": [
      "Raquel Urtasun"
    ],
    "Renjie Liao": [
      "Renjie Liao"
    ],
    "Richard S. Zemel": [
      "Richard S. Zemel"
    ],
    "Ricky T. Q. Chen": [
      "Ricky T. Q. Chen"
    ],
    "Roger Grosse": [
      "Roger Grosse"
    ],
    "Shenlong Wang": [
      "Shenlong Wang"
    ],
    "Will Grathwohl": [
      "Will Grathwohl"
    ],
    "William L. Hamilton": [
      "William L. Hamilton"
    ],
    "Winnie Xu": [
      "Winnie Xu"
    ],
    "Xuechen Li": [
      "Xuechen Li"
    ],
    "Yang Song": [
      "Yang Song"
    ],
    "Yujia Li": [
      "Yujia Li"
    ],
    "Yulia Rubanova": [
      "Yulia Rubanova"
    ]
  },
  "papers": [
    {
      "authors": [
        "Paul Vicol",
        "Jonathan Lorraine",
        "Fabian Pedregosa",
        "David Duvenaud",
        "Roger Grosse"
      ],
      "line": 4,
      "title": "On Implicit Bias in Overparameterized Bilevel Optimization"
    },
    {
      "authors": [
        "Winnie Xu",
        "Ricky T. Q. Chen",
        "Xuechen Li",
        "David Duvenaud"
      ],
      "line": 7,
      "title": "Infinitely Deep Bayesian Neural Networks with Stochastic Differential Equations"
    },
    {
      "authors": [
        "Jacob Kelly",
        "Jesse Bettencourt",
        "Matthew James Johnson",
        "David Duvenaud"
      ],
      "line": 10,
      "title": "Learning Differential Equations that are Easy to Solve"
    },
    {
      "authors": [
        "Will Grathwohl",
        "Jacob Kelly",
        "Milad Hashemi",
        "Mohammad Norouzi",
        "Kevin Swersky",
        "David Duvenaud"
      ],
      "line": 13,
      "title": "No MCMC for me: Amortized sampling for fast and stable training of energy-based models"
    },
    {
      "authors": [
        "Fartash Faghri",
        "David Duvenaud",
        "David J. Fleet",
        "Jimmy Ba"
      ],
      "line": 16,
      "title": "A Study of Gradient Variance in Deep Learning"
    },
    {
      "authors": [
        "Renjie Liao",
        "Yujia Li",
        "Yang Song",
        "Shenlong Wang",
        "Charlie Nash",
        "William L. Hamilton",
        "David Duvenaud",
        "Raquel Urtasun",
        "Richard S. Zemel"
      ],
      "line": 19,
      "title": "Efficient Graph Generation with Graph Recurrent Attention Networks"
    },
    {
      "authors": [
        "Yulia Rubanova",
        "Ricky T. Q. Chen",
        "David Duvenaud"
      ],
      "line": 22,
      "title": "Latent ODEs for Irregularly-Sampled Time Series"
    },
    {
      "authors": [
        "Ricky T. Q. Chen",
        "Jens Behrmann",
        "David Duvenaud",
        "Jörn-Henrik Jacobsen"
      ],
      "line": 25,
      "title": "Residual Flows for Invertible Generative Modeling"
    },
    {
      "authors": [
        "Matthew MacKay",
        "Paul Vicol",
        "Jonathan Lorraine",
        "David Duvenaud",
        "Roger Grosse"
      ],
      "line": 28,
      "title": "Self-Tuning Networks: Bilevel Optimization of Hyperparameters using Structured Best-Response Functions"
    },
    {
      "authors": [
        "Jens Behrmann",
        "David Duvenaud",
        "Jörn-Henrik Jacobsen"
      ],
      "line": 31,
      "title": "Invertible Residual Networks"
    }
  ],
  "paths": [
    {
      "allShortestPathIds": [
        [
          "paul-vicol",
          "david-duvenaud",
          "jorn-henrik-jacobsen"
        ]
      ],
      "allShortestPaths": [
        [
          "Paul Vicol",
          "David Duvenaud",
          "Jörn-Henrik Jacobsen"
        ]
      ],
      "from": "Paul Vicol",
      "length": 2,
      "to": "Jörn-Henrik Jacobsen",
      "weightiestShortestPath": {
        "authors": [
          "Paul Vicol",
          "David Duvenaud",
          "Jörn-Henrik Jacobsen"
        ],
        "hopWeights": [
          2,
          2
        ],
        "ids": [
          "paul-vicol",
          "david-duvenaud",
          "jorn-henrik-jacobsen"
        ],
        "totalJointPapers": 4
      }
    },
    {
      "allShortestPathIds": [
        [
          "winnie-xu",
          "david-duvenaud",
          "raquel-urtasun"
        ]
      ],
      "allShortestPaths": [
        [
          "Winnie Xu",
          "David Duvenaud",
          "Raquel Urtasun"
        ]
      ],
      "from": "Winnie Xu",
      "length": 2,
      "to": "Raquel Urtasun",
      "weightiestShortestPath": {
        "authors": [
          "Winnie Xu",
          "David Duvenaud",
          "Raquel Urtasun"
        ],
        "hopWeights": [
          1,
          1
        ],
        "ids": [
          "winnie-xu",
          "david-duvenaud",
          "raquel-urtasun"
        ],
        "totalJointPapers": 2
      }
    },
    {
      "allShortestPathIds": [
        [
          "jonathan-lorraine",
          "roger-grosse"
        ]
      ],
      "allShortestPaths": [
        [
          "Jonathan Lorraine",
          "Roger Grosse"
        ]
      ],
      "from": "Jonathan Lorraine",
      "length": 1,
      "to": "Roger Grosse",
      "weightiestShortestPath": {
        "authors": [
          "Jonathan Lorraine",
          "Roger Grosse"
        ],
        "hopWeights": [
          2
        ],
        "ids": [
          "jonathan-lorraine",
          "roger-grosse"
        ],
        "totalJointPapers": 2
      }
    },
    {
      "allShortestPathIds": [
        [
          "fartash-faghri",
          "jimmy-ba"
        ]
      ],
      "allShortestPaths": [
        [
          "Fartash Faghri",
          "Jimmy Ba"
        ]
      ],
      "from": "Fartash Faghri",
      "length": 1,
      "to": "Jimmy Ba",
      "weightiestShortestPath": {
        "authors": [
          "Fartash Faghri",
          "Jimmy Ba"
        ],
        "hopWeights": [
          1
        ],
        "ids": [
          "fartash-faghri",
          "jimmy-ba"
        ],
        "totalJointPapers": 1
      }
    },
    {
      "allShortestPathIds": [
        [
          "yulia-rubanova",
          "ricky-t-q-chen"
        ]
      ],
      "allShortestPaths": [
        [
          "Yulia Rubanova",
          "Ricky T. Q. Chen"
        ]
      ],
      "from": "Yulia Rubanova",
      "length": 1,
      "to": "Ricky T. Q. Chen",
      "weightiestShortestPath": {
        "authors": [
          "Yulia Rubanova",
          "Ricky T. Q. Chen"
        ],
        "hopWeights": [
          1
        ],
        "ids": [
          "yulia-rubanova",
          "ricky-t-q-chen"
        ],
        "totalJointPapers": 1
      }
    }
  ],
  "source": {
    "aliases": "data/aliases.json",
    "papers": "data/duvenaud-publications.txt"
  },
  "stats": {
    "authorCount": 30,
    "averageDegree": 5.933333333333334,
    "collaborationCount": 89,
    "componentCount": 1,
    "componentSizes": [
      30
    ],
    "density": 0.2045977011494253,
    "largestComponentSize": 30,
    "paperCount": 10
  },
  "structure": {
    "averageClustering": 0.9311165845648605,
    "averageShortestPathLength": 1.7954022988505747,
    "degeneracy": 8,
    "degreeAssortativity": -0.24162383590317918,
    "diameter": 2,
    "largestComponentShare": 1.0,
    "transitivity": 0.529639175257732
  }
} as const;

/** The hand-made two-component graph: [u, v, weight = joint papers]. */
export const handMadeEdges = [
  ["a", "b", 3],
  ["a", "c", 1],
  ["b", "c", 1],
  ["c", "d", 2],
  ["d", "e", 1],
  ["d", "f", 1],
  ["e", "f", 4],
  ["g", "h", 2],
  ["h", "i", 1],
] as const;

export const handMadeExpected = {
  "convergence": {
    "check": {
      "eigenvectorMaxScaledToLanczos": 1.9988529998124984e-15,
      "pagerankMaxRelativeToDirectSolve": 1.5404344466674047e-15
    },
    "eigenvector": {
      "defaultConverged": true,
      "defaultError": null,
      "defaultParams": {
        "max_iter": 100,
        "tol": 1e-06
      },
      "maxAbsDiffDefaultVsTight": 1.0933652675321204e-05,
      "tightConverged": true,
      "tightError": null,
      "tightParams": {
        "max_iter": 20000,
        "tol": 1e-18
      }
    },
    "pagerank": {
      "defaultConverged": true,
      "defaultError": null,
      "defaultParams": {
        "max_iter": 100,
        "tol": 1e-06
      },
      "maxAbsDiffDefaultVsTight": 1.825563768931282e-06,
      "tightConverged": true,
      "tightError": null,
      "tightParams": {
        "max_iter": 20000,
        "tol": 1e-16
      }
    }
  },
  "edges": [
    [
      "a",
      "b",
      3
    ],
    [
      "a",
      "c",
      1
    ],
    [
      "b",
      "c",
      1
    ],
    [
      "c",
      "d",
      2
    ],
    [
      "d",
      "e",
      1
    ],
    [
      "d",
      "f",
      1
    ],
    [
      "e",
      "f",
      4
    ],
    [
      "g",
      "h",
      2
    ],
    [
      "h",
      "i",
      1
    ]
  ],
  "metrics": {
    "betweenness": {
      "a": 0.0,
      "b": 0.0,
      "c": 0.21428571428571427,
      "d": 0.21428571428571427,
      "e": 0.0,
      "f": 0.0,
      "g": 0.0,
      "h": 0.03571428571428571,
      "i": 0.0
    },
    "closeness": {
      "a": 0.3125,
      "b": 0.3125,
      "c": 0.44642857142857145,
      "d": 0.44642857142857145,
      "e": 0.3125,
      "f": 0.3125,
      "g": 0.16666666666666666,
      "h": 0.25,
      "i": 0.16666666666666666
    },
    "clustering": {
      "a": 1.0,
      "b": 1.0,
      "c": 0.3333333333333333,
      "d": 0.3333333333333333,
      "e": 1.0,
      "f": 1.0,
      "g": 0,
      "h": 0,
      "i": 0
    },
    "constraint": {
      "a": 1.0069444444444444,
      "b": 1.0069444444444444,
      "c": 0.6111111111111112,
      "d": 0.6111111111111112,
      "e": 1.0069444444444444,
      "f": 1.0069444444444444,
      "g": 1.0,
      "h": 0.5,
      "i": 1.0
    },
    "coreness": {
      "a": 2,
      "b": 2,
      "c": 2,
      "d": 2,
      "e": 2,
      "f": 2,
      "g": 1,
      "h": 1,
      "i": 1
    },
    "degree": {
      "a": 0.25,
      "b": 0.25,
      "c": 0.375,
      "d": 0.375,
      "e": 0.25,
      "f": 0.25,
      "g": 0.125,
      "h": 0.25,
      "i": 0.125
    },
    "effectiveSize": {
      "a": 1.0,
      "b": 1.0,
      "c": 2.3333333333333335,
      "d": 2.3333333333333335,
      "e": 1.0,
      "f": 1.0,
      "g": 1.0,
      "h": 2.0,
      "i": 1.0
    },
    "eigenvector": {
      "a": 0.13886844652747188,
      "b": 0.13886844652747188,
      "c": 0.22079521442212147,
      "d": 0.3678571640901166,
      "e": 0.6234427356357438,
      "f": 0.6234427356357438,
      "g": 4.347639873909359e-14,
      "h": 4.8608091498749706e-14,
      "i": 2.1738199369546794e-14
    },
    "harmonic": {
      "a": 3.166666666666667,
      "b": 3.166666666666667,
      "c": 4.0,
      "d": 4.0,
      "e": 3.1666666666666665,
      "f": 3.1666666666666665,
      "g": 1.5,
      "h": 2.0,
      "i": 1.5
    },
    "pagerank": {
      "a": 0.1083585867623092,
      "b": 0.1083585867623092,
      "c": 0.10641562838266277,
      "d": 0.10281544080131522,
      "e": 0.12035921197903515,
      "f": 0.12035921197903515,
      "g": 0.10855734151604607,
      "h": 0.16216398772593085,
      "i": 0.06261200409135637
    },
    "weightedDegree": {
      "a": 4,
      "b": 4,
      "c": 4,
      "d": 4,
      "e": 5,
      "f": 5,
      "g": 2,
      "h": 3,
      "i": 1
    }
  },
  "metricsTight": {
    "eigenvector": {
      "a": 0.13885751287479656,
      "b": 0.13885751287479656,
      "c": 0.22078834660009547,
      "d": 0.36785563905660734,
      "e": 0.6234468369702033,
      "f": 0.6234468369702033,
      "g": 3.8874977530860375e-46,
      "h": 4.346354619139036e-46,
      "i": 1.9437488765430188e-46
    },
    "pagerank": {
      "a": 0.1083585867498979,
      "b": 0.1083585867498979,
      "c": 0.1064156283772768,
      "d": 0.10281544080447888,
      "e": 0.12035921199255759,
      "f": 0.12035921199255759,
      "g": 0.10855855855855867,
      "h": 0.16216216216216192,
      "i": 0.06261261261261267
    }
  },
  "paths": [
    {
      "allShortestPathIds": [
        [
          "a",
          "c",
          "d",
          "e"
        ]
      ],
      "allShortestPaths": [
        [
          "a",
          "c",
          "d",
          "e"
        ]
      ],
      "from": "a",
      "length": 3,
      "to": "e",
      "weightiestShortestPath": {
        "authors": [
          "a",
          "c",
          "d",
          "e"
        ],
        "hopWeights": [
          1,
          2,
          1
        ],
        "ids": [
          "a",
          "c",
          "d",
          "e"
        ],
        "totalJointPapers": 4
      }
    },
    {
      "allShortestPathIds": [
        [
          "b",
          "c",
          "d",
          "f"
        ]
      ],
      "allShortestPaths": [
        [
          "b",
          "c",
          "d",
          "f"
        ]
      ],
      "from": "b",
      "length": 3,
      "to": "f",
      "weightiestShortestPath": {
        "authors": [
          "b",
          "c",
          "d",
          "f"
        ],
        "hopWeights": [
          1,
          2,
          1
        ],
        "ids": [
          "b",
          "c",
          "d",
          "f"
        ],
        "totalJointPapers": 4
      }
    },
    {
      "allShortestPathIds": [
        [
          "e",
          "d",
          "c",
          "a"
        ]
      ],
      "allShortestPaths": [
        [
          "e",
          "d",
          "c",
          "a"
        ]
      ],
      "from": "e",
      "length": 3,
      "to": "a",
      "weightiestShortestPath": {
        "authors": [
          "e",
          "d",
          "c",
          "a"
        ],
        "hopWeights": [
          1,
          2,
          1
        ],
        "ids": [
          "e",
          "d",
          "c",
          "a"
        ],
        "totalJointPapers": 4
      }
    },
    {
      "allShortestPathIds": [
        [
          "a",
          "c"
        ]
      ],
      "allShortestPaths": [
        [
          "a",
          "c"
        ]
      ],
      "from": "a",
      "length": 1,
      "to": "c",
      "weightiestShortestPath": {
        "authors": [
          "a",
          "c"
        ],
        "hopWeights": [
          1
        ],
        "ids": [
          "a",
          "c"
        ],
        "totalJointPapers": 1
      }
    },
    {
      "allShortestPathIds": [
        [
          "g",
          "h",
          "i"
        ]
      ],
      "allShortestPaths": [
        [
          "g",
          "h",
          "i"
        ]
      ],
      "from": "g",
      "length": 2,
      "to": "i",
      "weightiestShortestPath": {
        "authors": [
          "g",
          "h",
          "i"
        ],
        "hopWeights": [
          2,
          1
        ],
        "ids": [
          "g",
          "h",
          "i"
        ],
        "totalJointPapers": 3
      }
    },
    {
      "allShortestPathIds": [
        [
          "a"
        ]
      ],
      "allShortestPaths": [
        [
          "a"
        ]
      ],
      "from": "a",
      "length": 0,
      "to": "a",
      "weightiestShortestPath": {
        "authors": [
          "a"
        ],
        "hopWeights": [],
        "ids": [
          "a"
        ],
        "totalJointPapers": 0
      }
    },
    {
      "allShortestPathIds": [],
      "allShortestPaths": [],
      "from": "a",
      "length": null,
      "to": "g",
      "weightiestShortestPath": null
    }
  ],
  "shortestPathLength": {
    "a": {
      "a": 0,
      "b": 1,
      "c": 1,
      "d": 2,
      "e": 3,
      "f": 3
    },
    "b": {
      "a": 1,
      "b": 0,
      "c": 1,
      "d": 2,
      "e": 3,
      "f": 3
    },
    "c": {
      "a": 1,
      "b": 1,
      "c": 0,
      "d": 1,
      "e": 2,
      "f": 2
    },
    "d": {
      "a": 2,
      "b": 2,
      "c": 1,
      "d": 0,
      "e": 1,
      "f": 1
    },
    "e": {
      "a": 3,
      "b": 3,
      "c": 2,
      "d": 1,
      "e": 0,
      "f": 1
    },
    "f": {
      "a": 3,
      "b": 3,
      "c": 2,
      "d": 1,
      "e": 1,
      "f": 0
    },
    "g": {
      "g": 0,
      "h": 1,
      "i": 2
    },
    "h": {
      "g": 1,
      "h": 0,
      "i": 1
    },
    "i": {
      "g": 2,
      "h": 1,
      "i": 0
    }
  },
  "stats": {
    "authorCount": 9,
    "averageDegree": 2.0,
    "collaborationCount": 9,
    "componentCount": 2,
    "componentSizes": [
      6,
      3
    ],
    "density": 0.25,
    "largestComponentSize": 6
  },
  "structure": {
    "averageClustering": 0.5185185185185186,
    "averageShortestPathLength": 1.8,
    "degeneracy": 2,
    "degreeAssortativity": 0.15624999999999944,
    "diameter": 3,
    "largestComponentShare": 0.6666666666666666,
    "transitivity": 0.5454545454545454
  }
} as const;

export const referenceGenerator = {
  "date": "2026-11-30",
  "networkx": "2.8.8",
  "python": "3.11.2",
  "scipy": "1.10.1",
  "script": "tests/reference/networkx_reference.py"
} as const;
