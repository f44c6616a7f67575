/**
 * The drawing: a graphology graph rendered by sigma.js. Positions and communities come from the
 * server (`collaborationNetwork`); node size follows a chosen metric; hovering or selecting a person
 * brings their ties forward and fades the rest; a collaboration path is drawn on top in red.
 *
 * Expanding a neighbour merges that person's own network into the drawing: newcomers are placed
 * around them (their layout, scaled down), and each of their communities takes the colour of the
 * drawn community it overlaps most, or a colour of its own.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { OTHER_COMMUNITY_COLOR, communityColor } from '../export/community-colors.ts';
import type { Centrality, CollaborationPath, Network, NetworkAuthor } from './api-client.ts';
import { premultiplied, tieDensity, tieStyle } from './edge-style.ts';
import type { SizeMetric } from './url-state.ts';

export type Origin = 'network' | 'expansion' | 'path';

export interface DrawnAuthor extends NetworkAuthor {
  /** Hops from the center of the first network; null for authors added by an expansion or a path. */
  readonly distance: number | null;
  /** Community in the drawing; -1 for authors a path brought in. */
  readonly community: number;
  readonly origin: Origin;
}

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  author: DrawnAuthor;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface EdgeAttributes {
  weight: number;
  size: number;
  color: string;
  /** The hue before the opacity is applied (community or between-communities). */
  hue: string;
  opacity: number;
  origin: Origin;
}

/** Labels shown at every zoom level: the most central people by the size metric, √n of them, 3 to 10. */
function labelledCount(authors: number): number {
  return Math.min(authors, Math.max(3, Math.min(10, Math.round(Math.sqrt(authors)))));
}

/** A tie between two communities; a tie within one takes the community's colour. */
const BETWEEN_COMMUNITIES = '#4d5566';
const FOCUS_EDGE = '#283246';
const FADED_NODE = '#e3e5e8';
/** A community colour mixed with white, for people off a drawn path: still grouped, clearly behind. (WebGL blending of translucent colours shifts their hue, so the mix is done here.) */
function fade(color: string): string {
  if (!/^#[0-9a-f]{6}$/iu.test(color)) return FADED_NODE;
  const mix = (offset: number) =>
    Math.round(255 - (255 - Number.parseInt(color.slice(offset, offset + 2), 16)) * 0.28)
      .toString(16)
      .padStart(2, '0');
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}
/** Ties off a shown path or away from a hovered person stay faintly visible (premultiplied, see edge-style.ts). */
const FADED_EDGE = premultiplied('#8c93a0', 0.12);
const PATH_COLOR = '#d0021b';
const EXPANSION_SCALE = 0.45;

export interface NetworkViewEvents {
  onSelect(authorId: string | null): void;
  onHover(authorId: string | null, where: { x: number; y: number } | null): void;
}

export class NetworkView {
  readonly graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected' });
  private readonly sigma: Sigma<NodeAttributes, EdgeAttributes>;
  private sizeMetric: SizeMetric = 'pagerank';
  private hovered: string | null = null;
  private selected: string | null = null;
  private centerId: string | null = null;
  private pathNodes = new Set<string>();
  private pathEdges = new Set<string>();
  private nextCommunity = 0;
  /** The most central people drawn (by the size metric), labelled at every zoom level. */
  private labelled = new Set<string>();
  /** Everyone drawn but people a path brought in, most central first. */
  private ranked: string[] = [];
  /** More labels that fit in the current view (relabel). */
  private viewLabels = new Set<string>();
  private relabelTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(container: HTMLElement, events: NetworkViewEvents) {
    this.sigma = new Sigma(this.graph, container, {
      labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: '#1d2433' },
      // Labels are chosen here, not by sigma's grid (which lets long labels overlap): the most central people at
      // every zoom level, and more that fit without overlapping in the current view (relabel).
      labelRenderedSizeThreshold: Number.POSITIVE_INFINITY,
      // sigma 3.0's zIndex ordering loses every edge when all edges share one zIndex: draw in insertion order.
      zIndex: false,
      minCameraRatio: 0.05,
      maxCameraRatio: 4,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.sigma.on('enterNode', ({ node, event }) => {
      this.hovered = node;
      container.style.cursor = 'pointer';
      this.sigma.refresh({ skipIndexation: true });
      events.onHover(node, { x: event.x, y: event.y });
    });
    this.sigma.on('leaveNode', () => {
      this.hovered = null;
      container.style.cursor = '';
      this.sigma.refresh({ skipIndexation: true });
      events.onHover(null, null);
    });
    this.sigma.on('clickNode', ({ node }) => events.onSelect(node));
    // The drawing area changes size when a warning or the legend appears: keep the canvases in step.
    new ResizeObserver(() => {
      this.sigma.resize();
      this.styleTies();
      this.sigma.refresh();
    }).observe(container);
    this.sigma.on('clickStage', () => events.onSelect(null));
    // After the view moves or zooms (once it rests), choose the labels that fit in it.
    this.sigma.getCamera().on('updated', () => {
      clearTimeout(this.relabelTimer);
      this.relabelTimer = setTimeout(() => {
        this.relabel();
        this.sigma.refresh();
      }, 150);
    });
  }

  /** Replaces the drawing with a network. */
  show(network: Network): void {
    this.graph.clear();
    this.pathNodes.clear();
    this.pathEdges.clear();
    this.hovered = null;
    this.centerId = network.center.id;
    this.nextCommunity = 0;
    for (const node of network.nodes) {
      this.addAuthor(
        { ...node.author, distance: node.distance, community: node.community, origin: 'network' },
        node.x,
        node.y,
      );
      this.nextCommunity = Math.max(this.nextCommunity, node.community + 1);
    }
    for (const edge of network.edges) this.addTie(edge.source, edge.target, edge.jointPaperCount, 'network');
    this.resize();
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  /** Merges `network` (centered on a drawn author) into the drawing; returns how many authors it added. */
  expand(network: Network): number {
    const anchor = this.graph.hasNode(network.center.id)
      ? this.graph.getNodeAttributes(network.center.id)
      : { x: 0, y: 0 };
    const overlap = new Map<number, Map<number, number>>();
    for (const node of network.nodes) {
      if (!this.graph.hasNode(node.author.id)) continue;
      const drawn = this.graph.getNodeAttribute(node.author.id, 'author').community;
      if (drawn < 0) continue;
      const counts = overlap.get(node.community) ?? new Map<number, number>();
      counts.set(drawn, (counts.get(drawn) ?? 0) + 1);
      overlap.set(node.community, counts);
    }
    const mapped = new Map<number, number>();
    const communityOf = (community: number): number => {
      let result = mapped.get(community);
      if (result === undefined) {
        const best = [...(overlap.get(community) ?? new Map<number, number>())].sort(
          ([a, ca], [b, cb]) => cb - ca || a - b,
        )[0];
        result = best ? best[0] : this.nextCommunity++;
        mapped.set(community, result);
      }
      return result;
    };
    let added = 0;
    for (const node of network.nodes) {
      if (this.graph.hasNode(node.author.id)) continue;
      added += 1;
      this.addAuthor(
        { ...node.author, distance: null, community: communityOf(node.community), origin: 'expansion' },
        anchor.x + node.x * EXPANSION_SCALE,
        anchor.y + node.y * EXPANSION_SCALE,
      );
    }
    for (const edge of network.edges) {
      if (!this.graph.hasEdge(edge.source, edge.target))
        this.addTie(edge.source, edge.target, edge.jointPaperCount, 'expansion');
    }
    this.resize();
    return added;
  }

  /** Draws a collaboration path on top, adding the people on it who are not drawn yet. */
  showPath(path: CollaborationPath): void {
    this.clearPath(false);
    const known = path.authors.map((author): { x: number; y: number } | null =>
      this.graph.hasNode(author.id) ? this.graph.getNodeAttributes(author.id) : null,
    );
    path.authors.forEach((author, i) => {
      this.pathNodes.add(author.id);
      if (known[i]) return;
      const before = known
        .slice(0, i)
        .map((point, j) => (point ? j : -1))
        .filter((j) => j >= 0)
        .pop();
      const after = known.findIndex((point, j) => j > i && point !== null);
      const p = before === undefined ? null : known[before];
      const q = after < 0 ? null : known[after];
      let x: number;
      let y: number;
      if (p && q && before !== undefined) {
        const t = (i - before) / (after - before);
        x = p.x + (q.x - p.x) * t + 0.08;
        y = p.y + (q.y - p.y) * t + 0.08;
      } else if (p && before !== undefined) {
        x = p.x + 0.3 * (i - before);
        y = p.y - 0.3 * (i - before);
      } else if (q) {
        x = q.x - 0.3 * (after - i);
        y = q.y + 0.3 * (after - i);
      } else {
        x = -1 + (2 * i) / Math.max(1, path.authors.length - 1);
        y = -1.3;
      }
      known[i] = { x, y };
      this.addAuthor({ ...author, distance: null, community: -1, origin: 'path' }, x, y);
    });
    for (const step of path.steps) {
      const edge =
        this.graph.edge(step.from.id, step.to.id) ?? this.addTie(step.from.id, step.to.id, step.papers.length, 'path');
      this.pathEdges.add(edge);
    }
    this.resize();
  }

  /** Removes the path's highlight and the people only the path brought in. */
  clearPath(refresh = true): void {
    this.pathNodes.clear();
    this.pathEdges.clear();
    this.graph.forEachEdge((edge, attributes) => {
      if (attributes.origin === 'path') this.graph.dropEdge(edge);
    });
    this.graph.forEachNode((node, attributes) => {
      if (attributes.author.origin === 'path') this.graph.dropNode(node);
    });
    if (refresh) this.resize();
  }

  setSizeMetric(metric: SizeMetric): void {
    this.sizeMetric = metric;
    this.resize();
  }

  select(authorId: string | null, focus = true): void {
    this.selected = authorId !== null && this.graph.hasNode(authorId) ? authorId : null;
    this.sigma.refresh({ skipIndexation: true });
    if (focus && this.selected !== null) {
      const display = this.sigma.getNodeDisplayData(this.selected);
      if (display)
        void this.sigma
          .getCamera()
          .animate(
            { x: display.x, y: display.y, ratio: Math.min(this.sigma.getCamera().ratio, 0.7) },
            { duration: 350 },
          );
    }
  }

  /** Brings a person's ties forward as hovering does (for the list of people), or ends that. */
  preview(authorId: string | null): void {
    this.hovered = authorId !== null && this.graph.hasNode(authorId) ? authorId : null;
    this.sigma.refresh({ skipIndexation: true });
  }

  authors(): DrawnAuthor[] {
    return this.graph.mapNodes((_node, attributes) => attributes.author);
  }

  author(id: string): DrawnAuthor | null {
    return this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'author') : null;
  }

  /** Drawn co-authors of an author, most joint papers first. */
  ties(id: string): { author: DrawnAuthor; jointPapers: number }[] {
    if (!this.graph.hasNode(id)) return [];
    return this.graph
      .mapEdges(id, (_edge, attributes, source, target) => ({
        author: this.graph.getNodeAttribute(source === id ? target : source, 'author'),
        jointPapers: attributes.weight,
      }))
      .sort((a, b) => b.jointPapers - a.jointPapers || a.author.name.localeCompare(b.author.name));
  }

  /** Where a drawn author is on screen, in pixels from the drawing's top left corner; null if not drawn. */
  viewportPosition(id: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(id)) return null;
    const { x, y } = this.graph.getNodeAttributes(id);
    return this.sigma.graphToViewport({ x, y });
  }

  tieCount(): number {
    return this.graph.size;
  }

  /** For browser tests: the ties as drawn now (after highlighting), and the people labelled at every zoom. */
  drawnTies(): { source: string; target: string; color: string; size: number }[] {
    return this.graph.mapEdges((edge, _attributes, source, target) => {
      const display = this.sigma.getEdgeDisplayData(edge);
      return { source, target, color: display?.color ?? '', size: display?.size ?? 0 };
    });
  }

  /** For browser tests: the on-screen radius of a drawn person in pixels, and the labels sigma drew last. */
  nodeRadius(id: string): number {
    const display = this.sigma.getNodeDisplayData(id);
    return display ? this.sigma.scaleSize(display.size) : 0;
  }

  labels(): { always: string[]; drawn: string[] } {
    const drawn = (this.sigma as unknown as { displayedNodeLabels: Set<string> }).displayedNodeLabels;
    return { always: [...this.labelled], drawn: [...drawn] };
  }

  /** Sets the camera's zoom at once (1 = the whole drawing; larger = further out), for scripts and tests. */
  setZoom(ratio: number): void {
    this.sigma.getCamera().setState({ ratio });
    this.sigma.refresh();
  }

  zoom(direction: 'in' | 'out' | 'reset'): void {
    const camera = this.sigma.getCamera();
    if (direction === 'in') void camera.animatedZoom({ duration: 250 });
    else if (direction === 'out') void camera.animatedUnzoom({ duration: 250 });
    else void camera.animatedReset({ duration: 250 });
  }

  private addAuthor(author: DrawnAuthor, x: number, y: number): void {
    this.graph.addNode(author.id, {
      x,
      y,
      size: 4,
      label: author.name,
      author,
      color: author.community < 0 ? OTHER_COMMUNITY_COLOR : communityColor(author.community),
    });
  }

  private addTie(source: string, target: string, weight: number, origin: Origin): string {
    const a = this.graph.getNodeAttribute(source, 'author').community;
    const b = this.graph.getNodeAttribute(target, 'author').community;
    const hue = a === b && a >= 0 ? communityColor(a) : BETWEEN_COMMUNITIES;
    return this.graph.addEdge(source, target, { weight, origin, hue, opacity: 1, color: hue, size: 1 });
  }

  /**
   * Width and opacity of every tie by joint papers and the drawing's density (edge-style.ts). The attributes
   * are changed in place, without graphology's update events (sigma answers those with a partial repaint,
   * which fails for ties added since its last full one); every caller refreshes sigma in full afterwards.
   */
  private styleTies(): void {
    const { width, height } = this.sigma.getDimensions();
    const density = tieDensity(this.graph.size, width, height);
    this.graph.forEachEdge((_edge, attributes) => {
      const style = tieStyle(attributes.weight, density);
      attributes.opacity = style.opacity;
      attributes.size = style.width;
      attributes.color = premultiplied(attributes.hue, style.opacity);
    });
  }

  private value(author: DrawnAuthor): number {
    return this.sizeMetric === 'paperCount'
      ? author.paperCount
      : author.centrality[this.sizeMetric as Exclude<keyof Centrality, 'exact'>];
  }

  /**
   * Area proportional to the metric: radius 3 to 18 pixels from the smallest to the largest value drawn; the
   * most central get labels at every zoom level; ties are styled for the drawing's density.
   */
  private resize(): void {
    let max = 0;
    this.graph.forEachNode((_node, attributes) => {
      max = Math.max(max, this.value(attributes.author));
    });
    this.graph.forEachNode((node, attributes) => {
      const share = max > 0 ? Math.max(0, this.value(attributes.author)) / max : 0;
      this.graph.setNodeAttribute(node, 'size', 3 + 15 * Math.sqrt(share));
    });
    const ranked = this.graph
      .filterNodes((_node, attributes) => attributes.author.origin !== 'path')
      .sort(
        (a, b) =>
          this.value(this.graph.getNodeAttribute(b, 'author')) - this.value(this.graph.getNodeAttribute(a, 'author')) ||
          a.localeCompare(b),
      );
    this.styleTies();
    this.sigma.refresh(); // positions normalized for the new drawing, which the label boxes below need
    this.ranked = ranked;
    this.labelled = this.chooseLabels(ranked, labelledCount(ranked.length), { x: 0.5, y: 0.5, ratio: 1, angle: 0 }, []);
    this.relabel();
    this.sigma.refresh();
  }

  /**
   * Labels chosen down a ranking, skipping any that would overlap one already chosen (a label is about 7 pixels a
   * letter, right of its node), until `wanted` are chosen; positions at `camera` (default: the current view), only
   * people on screen. `taken` holds labels already placed and is extended.
   */
  private chooseLabels(
    ranked: readonly string[],
    wanted: number,
    camera: { x: number; y: number; ratio: number; angle: number } | null,
    taken: Box[],
    skip: ReadonlySet<string> = new Set(),
  ): Set<string> {
    const { width, height } = this.sigma.getDimensions();
    const chosen = new Set<string>();
    for (const node of ranked) {
      if (chosen.size >= wanted) break;
      if (skip.has(node)) continue;
      const { x, y, label } = this.graph.getNodeAttributes(node);
      const at =
        camera === null
          ? this.sigma.graphToViewport({ x, y })
          : this.sigma.graphToViewport({ x, y }, { cameraState: camera });
      if (at.x < 0 || at.y < 0 || at.x > width || at.y > height) continue;
      const display = this.sigma.getNodeDisplayData(node);
      const radius =
        camera === null && display ? this.sigma.scaleSize(display.size) : this.graph.getNodeAttribute(node, 'size');
      const box = { left: at.x - radius, right: at.x + radius + 3 + 7 * label.length, top: at.y - 9, bottom: at.y + 9 };
      if (
        taken.some(
          (other) =>
            box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom,
        )
      )
        continue;
      taken.push(box);
      chosen.add(node);
    }
    return chosen;
  }

  /**
   * The labels drawn besides the central ones: down the ranking, those that fit without overlapping in the current
   * view, about one per 20,000 square pixels (more people get labels as one zooms in).
   */
  private relabel(): void {
    const { width, height } = this.sigma.getDimensions();
    const taken: Box[] = [];
    this.chooseLabels([...this.labelled], this.labelled.size, null, taken);
    const budget = Math.max(0, Math.round((width * height) / 20_000) - this.labelled.size);
    this.viewLabels = this.chooseLabels(this.ranked, budget, null, taken, this.labelled);
  }

  private focusSet(): Set<string> | null {
    const focus = this.hovered ?? this.selected;
    if (focus === null || !this.graph.hasNode(focus)) return null;
    return new Set([focus, ...this.graph.neighbors(focus)]);
  }

  private reduceNode(
    node: string,
    data: NodeAttributes,
  ): Partial<NodeAttributes & { forceLabel: boolean; highlighted: boolean; zIndex: number }> {
    const result: Partial<NodeAttributes & { forceLabel: boolean; highlighted: boolean; zIndex: number }> = { ...data };
    if (this.labelled.has(node) || this.viewLabels.has(node)) result.forceLabel = true;
    if (node === this.centerId) {
      result.forceLabel = true;
      result.zIndex = 1;
    }
    if (this.pathNodes.size > 0) {
      if (this.pathNodes.has(node)) {
        result.forceLabel = true;
        result.zIndex = 3;
        result.highlighted = node === this.selected;
      } else {
        result.color = fade(data.color);
        result.label = '';
        result.zIndex = 0;
      }
      return result;
    }
    const focus = this.focusSet();
    if (focus !== null) {
      if (focus.has(node)) {
        result.zIndex = 2;
        if (node === this.hovered || node === this.selected) {
          result.highlighted = true;
          result.forceLabel = true;
        }
      } else {
        result.color = FADED_NODE;
        result.label = '';
        result.zIndex = 0;
      }
    }
    return result;
  }

  private reduceEdge(
    edge: string,
    data: EdgeAttributes,
  ): Partial<EdgeAttributes & { hidden: boolean; zIndex: number }> {
    if (this.pathEdges.size > 0) {
      // The path on top in red; the rest of the network stays readable behind it, at 40 % of its opacity.
      return this.pathEdges.has(edge)
        ? { ...data, color: PATH_COLOR, size: Math.max(3, data.size + 1.5), zIndex: 3 }
        : { ...data, color: premultiplied(data.hue, data.opacity * 0.4), zIndex: 0 };
    }
    const focus = this.hovered ?? this.selected;
    if (focus !== null && this.graph.hasNode(focus)) {
      return this.graph.hasExtremity(edge, focus)
        ? { ...data, color: premultiplied(FOCUS_EDGE, Math.max(0.75, data.opacity)), zIndex: 2 }
        : { ...data, color: FADED_EDGE, zIndex: 0 };
    }
    return data;
  }
}
