/**
 * The query GraphiQL opens with, written for the data being served: the best-connected author's
 * strongest collaborators, a collaboration path from one of them to someone farther away, the top of
 * a centrality ranking and the network's figures.
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import { distancesFromAuthor } from '../analysis/paths.ts';
import { listCoauthors } from '../graph/lookup.ts';
import { compareIds } from '../graph/network.ts';

export function defaultQuery(data: AnalyzedNetwork): string {
  const center = mostCoauthors(data);
  const stats = `  graphStats {\n    paperCount\n    authorCount\n    collaborationCount\n    componentCount\n  }\n`;
  if (center === undefined) return `# The network is empty.\n{\n${stats}}\n`;
  const name = data.network.authors.get(center)?.name ?? center;
  const start = listCoauthors(data.network, center)[0]?.authorId ?? center;
  let end = start;
  let farthest = 0;
  for (const [author, distance] of distancesFromAuthor(data.network, start)) {
    if (distance > farthest || (distance === farthest && compareIds(author, end) < 0)) {
      end = author;
      farthest = distance;
    }
  }
  return `# coauthor-graph: press the run button (Ctrl-Enter) to try this query.
query Explore {
  author(name: ${JSON.stringify(name)}) {
    id
    name
    paperCount
    coauthors(first: 5) {
      totalCount
      edges {
        jointPaperCount
        node { id name }
      }
    }
  }
  collaborationPath(from: ${JSON.stringify(start)}, to: ${JSON.stringify(end)}) {
    length
    steps {
      from { name }
      to { name }
      papers { title year }
    }
  }
  centralityRanking(metric: BETWEENNESS, first: 5) { nodes {
    rank
    score
    author { name }
  } }
${stats}}
`;
}

/** The author with the most co-authors (then the smallest id). */
function mostCoauthors(data: AnalyzedNetwork): string | undefined {
  const { compact } = data.network;
  let best: string | undefined;
  let bestDegree = -1;
  for (let v = 0; v < compact.order; v += 1) {
    const degree = (compact.offsets[v + 1] as number) - (compact.offsets[v] as number);
    const id = data.network.authorIdAt(v);
    if (degree > bestDegree || (degree === bestDegree && compareIds(id, best as string) < 0)) {
      best = id;
      bestDegree = degree;
    }
  }
  return best;
}
