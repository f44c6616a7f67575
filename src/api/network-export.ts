/** `networkExport`: the whole network or a drawn one as a file for Gephi, VOSviewer or a spreadsheet. */
import type { ExportFile } from '../export/export-formats.ts';
import type { ExportedFile } from '../work/request-work.ts';
import { MAX_NETWORK_DEPTH, MAX_NETWORK_NODES, checkRange, requireAuthor } from './arguments.ts';
import { type Context, builder } from './builder.ts';
import { codedError, errors } from './errors.ts';
import { offloaded } from './offload.ts';
import { exportCost, windowedCost } from './complexity.ts';
import { YearRangeRef, requireInWindow, windowOf, yearsDescription } from './year-range.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import { TieWeightingRef, tableWithWeighting, weightingDescription } from './tie-weighting.ts';

export const NetworkExportFormatRef = builder.enumType('NetworkExportFormat', {
  description: 'A file format for exporting a co-authorship network.',
  values: {
    GEXF: {
      value: 'gexf' satisfies ExportFile,
      description:
        "GEXF 1.2, Gephi's format: labels, community colours, layout (for a drawn network) and every author's figures as attributes; joint papers as edge weight.",
    },
    GRAPHML: {
      value: 'graphml' satisfies ExportFile,
      description: 'GraphML (Gephi, Cytoscape, yEd, NetworkX, igraph) with typed node and edge data.',
    },
    VOSVIEWER: {
      value: 'vosviewer' satisfies ExportFile,
      description:
        "VOSviewer's JSON map format: items with id, label, cluster, x/y (for a drawn network), weights and scores; links with strength = joint papers.",
    },
    NODES_CSV: {
      value: 'nodes-csv' satisfies ExportFile,
      description:
        'The node table as CSV (Id, Label, PaperCount, Community, Distance, X, Y and the centrality scores).',
    },
    EDGES_CSV: {
      value: 'edges-csv' satisfies ExportFile,
      description: "The edge table as CSV (Source, Target, Type, Weight, labels and the joint papers' ids).",
    },
  } as const,
});

const NetworkExportRef = builder.objectRef<ExportedFile>('NetworkExport').implement({
  description: "An exported network: the file's contents and what to call it.",
  fields: (t) => ({
    fileName: t.exposeString('fileName', {
      description: 'A file name with the format\'s extension, e.g. "david-duvenaud-network.gexf".',
    }),
    mediaType: t.exposeString('mediaType', { description: 'The file\'s media type, e.g. "application/gexf+xml".' }),
    content: t.string({
      description: "The file's contents (UTF-8 text).",
      resolve: (file, _args, { largeStrings }) =>
        typeof file.content === 'string' ? file.content : largeStrings.placeholder(file.content),
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when the drawn network left out authors within reach because of `maxNodes`.',
    }),
  }),
});

/** The whole network (or a window's) may be exported through the API up to `maxExportAuthors` authors. */
function wholeNetwork({ maxExportAuthors }: Context, network: CoauthorNetwork): null {
  const authors = network.authors.size;
  if (authors > maxExportAuthors) {
    throw codedError(errors.exportTooLarge, { authors, maxExportAuthors });
  }
  return null;
}

builder.queryField('networkExport', (t) =>
  t.field({
    type: NetworkExportRef,
    complexity: windowedCost((args, context) => ({ field: exportCost(args, context), multiplier: 1 })),
    description:
      'The whole network, or (with `center`) the same network `collaborationNetwork` draws for these arguments, as a file. The same files as the `coauthor-graph export` command.',
    args: {
      format: t.arg({ type: NetworkExportFormatRef, required: true, description: 'The file format.' }),
      center: t.arg.id({ description: 'Id of the author at the center; omit to export the whole network.' }),
      depth: t.arg.int({
        defaultValue: 1,
        description: `With center: hops from the center, 0 to ${MAX_NETWORK_DEPTH}.`,
      }),
      minJointPapers: t.arg.int({
        defaultValue: 1,
        description: 'With center: only follow and show ties with at least this many joint papers.',
      }),
      maxNodes: t.arg.int({
        defaultValue: 200,
        description: `With center: at most this many authors, 1 to ${MAX_NETWORK_NODES}.`,
      }),
      weighting: t.arg({
        type: TieWeightingRef,
        defaultValue: 'jointPapers',
        description: `${weightingDescription} Sets the edge weights and the authors' weighted degree, eigenvector and PageRank in the file.`,
      }),
      years: t.arg({
        type: YearRangeRef,
        description: `${yearsDescription} The file holds the window's network: its authors, its ties with the joint papers in the window (weights from those papers), and every author's metrics in the window (as centralityRanking with the same years).`,
      }),
    },
    // With the best centrality values there are (estimates on a large network until the exact pass is done).
    resolve: async (_root, args, context) => {
      const weighting = args.weighting ?? 'jointPapers';
      const window = await windowOf(context, args.years);
      const table = window === null ? await context.data.centrality() : await window.table(context);
      return offloaded(
        context.work.exportNetwork(
          await tableWithWeighting(context, table, weighting, window),
          args.format,
          args.center === null || args.center === undefined
            ? wholeNetwork(context, window?.network ?? context.data.network)
            : {
                centerId: requireInWindow(window, requireAuthor(context, String(args.center), 'center').id),
                depth: checkRange(args.depth ?? 1, 'depth', 0, MAX_NETWORK_DEPTH),
                minJointPapers: checkRange(args.minJointPapers ?? 1, 'minJointPapers', 1, Number.MAX_SAFE_INTEGER),
                maxNodes: checkRange(args.maxNodes ?? 200, 'maxNodes', 1, MAX_NETWORK_NODES),
              },
          context.signal,
          weighting,
          window?.range ?? null,
        ),
      );
    },
  }),
);
