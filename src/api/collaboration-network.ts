/** The drawable collaboration network around an author: `collaborationNetwork` and its types. */
import type { EgoNetwork, EgoNetworkEdge, EgoNetworkNode } from '../analysis/ego-network.ts';
import type { Author } from '../graph/network.ts';
import { MAX_NETWORK_DEPTH, MAX_NETWORK_NODES, checkRange, requireAuthor } from './arguments.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';
import { offloaded } from './offload.ts';
import { countedByParent, networkCost, networkEdgesCost, windowedCost } from './complexity.ts';
import { YearRangeRef, requireInWindow, windowOf, yearsDescription } from './year-range.ts';

const NetworkNodeRef = builder.objectRef<EgoNetworkNode>('NetworkNode').implement({
  description: 'An author in a drawn collaboration network, with a position and a community.',
  fields: (t) => ({
    author: t.field({
      type: AuthorRef,
      description: 'The author.',
      resolve: (node, _args, { data }) => data.network.authors.get(node.authorId) as Author,
    }),
    distance: t.exposeInt('distance', { description: 'Hops from the center author.' }),
    x: t.exposeFloat('x', {
      description:
        'ForceAtlas2 x coordinate; the center is at (0, 0) and the farthest node at distance 1. Deterministic for the same data.',
    }),
    y: t.exposeFloat('y', { description: 'ForceAtlas2 y coordinate (see x).' }),
    community: t.exposeInt('community', {
      description:
        'Louvain community within this network (joint papers as weights), numbered 0, 1, ... from the largest. Deterministic for the same data.',
    }),
  }),
});

const NetworkEdgeRef = builder.objectRef<EgoNetworkEdge>('NetworkEdge').implement({
  description: 'A co-authorship tie in a drawn collaboration network (each tie once).',
  fields: (t) => ({
    source: t.exposeID('source', { description: 'Id of one author (the smaller id).' }),
    target: t.exposeID('target', { description: 'Id of the other author.' }),
    jointPaperCount: t.exposeInt('jointPaperCount', { description: "Joint papers of the two (the tie's weight)." }),
  }),
});

const CollaborationNetworkRef = builder.objectRef<EgoNetwork>('CollaborationNetwork').implement({
  description: 'The collaboration network around one author, laid out for drawing.',
  fields: (t) => ({
    center: t.field({
      type: AuthorRef,
      description: 'The author at the center.',
      resolve: (ego, _args, { data }) => data.network.authors.get(ego.centerId) as Author,
    }),
    nodes: t.field({
      type: [NetworkNodeRef],
      complexity: countedByParent,
      description: 'The authors, by distance from the center, then id.',
      resolve: (ego) => ego.nodes,
    }),
    edges: t.field({
      type: [NetworkEdgeRef],
      complexity: networkEdgesCost,
      description: 'Every tie among these authors with at least `minJointPapers` joint papers.',
      resolve: (ego) => ego.edges,
    }),
    truncated: t.exposeBoolean('truncated', {
      description:
        'True when authors within reach were left out because of `maxNodes` (nearer and more strongly tied authors are kept first).',
    }),
  }),
});

builder.queryField('collaborationNetwork', (t) =>
  t.field({
    type: CollaborationNetworkRef,
    complexity: windowedCost(networkCost),
    description:
      'Everyone within `depth` co-authorship hops of an author (over ties of at least `minJointPapers` joint papers), at most `maxNodes`, with a ForceAtlas2 layout and Louvain communities: what a front end needs to draw it.',
    args: {
      center: t.arg.id({ required: true, description: 'Id of the author at the center.' }),
      depth: t.arg.int({ defaultValue: 1, description: `Hops from the center, 0 to ${MAX_NETWORK_DEPTH}.` }),
      minJointPapers: t.arg.int({
        defaultValue: 1,
        description: 'Only follow and show ties with at least this many joint papers.',
      }),
      maxNodes: t.arg.int({ defaultValue: 200, description: `At most this many authors, 1 to ${MAX_NETWORK_NODES}.` }),
      years: t.arg({
        type: YearRangeRef,
        description: `${yearsDescription} The network drawn is the window's: hops over ties with a joint paper in the window, jointPaperCount counting those papers, layout and communities computed on it; a center with no paper in the window is a BAD_USER_INPUT error.`,
      }),
    },
    resolve: async (_root, args, context) => {
      const options = {
        depth: checkRange(args.depth ?? 1, 'depth', 0, MAX_NETWORK_DEPTH),
        minJointPapers: checkRange(args.minJointPapers ?? 1, 'minJointPapers', 1, Number.MAX_SAFE_INTEGER),
        maxNodes: checkRange(args.maxNodes ?? 200, 'maxNodes', 1, MAX_NETWORK_NODES),
      };
      const center = requireAuthor(context, String(args.center), 'center').id;
      const window = await windowOf(context, args.years);
      return offloaded(
        context.work.egoNetwork(requireInWindow(window, center), options, context.signal, window?.range ?? null),
      );
    },
  }),
);
