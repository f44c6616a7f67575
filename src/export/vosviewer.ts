/**
 * VOSviewer's JSON map format (https://app.vosviewer.com/docs/file-types/json-file-type/): `items`
 * with id, label, cluster (1-based), optional x/y, `weights` and `scores`; `links` with
 * source_id, target_id and strength (joint papers, or the tie strength of the weighting asked for). Item ids are 1, 2, ... in node order; the
 * author's id is kept in the item's description. Without a layout VOSviewer computes its own.
 */
import type { ExportableNetwork } from './exportable-network.ts';

export interface VosviewerMap {
  readonly network: {
    readonly items: readonly VosviewerItem[];
    readonly links: readonly { source_id: number; target_id: number; strength: number }[];
  };
  readonly config: Record<string, unknown>;
}

export interface VosviewerItem {
  readonly id: number;
  readonly label: string;
  readonly description: string;
  readonly x?: number;
  readonly y?: number;
  readonly cluster: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly scores: Readonly<Record<string, number>>;
}

function htmlText(value: string): string {
  return value.replace(/[&<>"]/gu, (c) => `&#${c.charCodeAt(0)};`);
}

export function toVosviewerMap(network: ExportableNetwork): VosviewerMap {
  const itemId = new Map(network.nodes.map((node, i) => [node.id, i + 1]));
  const links = new Map<string, number>();
  const strength = new Map<string, number>();
  for (const edge of network.edges) {
    for (const end of [edge.source, edge.target]) {
      links.set(end, (links.get(end) ?? 0) + 1);
      strength.set(end, (strength.get(end) ?? 0) + edge.weight);
    }
  }
  const items = network.nodes.map((node): VosviewerItem => ({
    id: itemId.get(node.id) as number,
    label: node.label,
    description: `<b>${htmlText(node.label)}</b><br>id: ${htmlText(node.id)}<br>${node.paperCount} paper(s)`,
    ...(node.x !== null && node.y !== null ? { x: node.x, y: node.y } : {}),
    cluster: node.community + 1,
    weights: {
      Links: links.get(node.id) ?? 0,
      'Total link strength': strength.get(node.id) ?? 0,
      Documents: node.paperCount,
    },
    scores: {
      Betweenness: node.centrality.betweenness,
      PageRank: node.centrality.pagerank,
      Eigenvector: node.centrality.eigenvector,
    },
  }));
  return {
    network: {
      items,
      links: network.edges.map((edge) => ({
        source_id: itemId.get(edge.source) as number,
        target_id: itemId.get(edge.target) as number,
        strength: edge.weight,
      })),
    },
    config: {
      terminology: {
        item: 'Author',
        items: 'Authors',
        link: 'Co-authorship link',
        links: 'Co-authorship links',
        ...(network.weighting === 'jointPapers'
          ? { link_strength: 'Joint papers', total_link_strength: 'Total joint papers' }
          : { link_strength: 'Link strength', total_link_strength: 'Total link strength' }),
      },
    },
  };
}

export function toVosviewer(network: ExportableNetwork): string {
  return `${JSON.stringify(toVosviewerMap(network), null, 2)}\n`;
}
