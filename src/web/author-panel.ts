/** The panel about one person: actions, figures, strongest collaborators and papers. */
import type { AuthorDetails } from './api-client.ts';
import { el, metricLabels, paperTitle, plural, score } from './format.ts';
import type { DrawnAuthor } from './network-view.ts';

export interface AuthorPanelContext {
  /** The person as drawn, or null when not in the drawing. */
  readonly drawn: DrawnAuthor | null;
  /** True when nobody is selected and the panel shows the center. */
  readonly isCenterByDefault: boolean;
  readonly canDraw: boolean;
  readonly canExpand: boolean;
  draw(): void;
  expand(): void;
  pathFrom(): void;
  pathTo(): void;
  /** A collaborator's name was clicked. */
  showCollaborator(id: string): void;
}

export function authorPanel(author: AuthorDetails, context: AuthorPanelContext): Node[] {
  const { drawn } = context;
  const actions = el('div', { class: 'actions' });
  const action = (label: string, handler: () => void, enabled = true) => {
    const button = el('button', { type: 'button' }, label);
    button.disabled = !enabled;
    button.addEventListener('click', handler);
    actions.append(button);
  };
  action('Draw their network', context.draw, context.canDraw);
  action('Expand into drawing', context.expand, context.canExpand);
  action('Path from here', context.pathFrom);
  action('Path to here', context.pathTo);

  const facts = el('dl', { class: 'facts' });
  const fact = (term: string, value: string) => facts.append(el('dt', {}, term), el('dd', {}, value));
  fact('Papers', author.paperCount.toLocaleString('en'));
  fact('Co-authors', author.coauthorCount.toLocaleString('en'));
  if (drawn?.distance !== null && drawn?.distance !== undefined) fact('Hops from center', String(drawn.distance));
  if (author.nameVariants.length > 1)
    fact('Also written', author.nameVariants.filter((name) => name !== author.name).join('; '));
  for (const metric of [
    'pagerank',
    'betweenness',
    'eigenvector',
    'closeness',
    'harmonic',
    'degree',
    'weightedDegree',
  ] as const) {
    const estimate =
      !author.centrality.exact && (metric === 'betweenness' || metric === 'closeness' || metric === 'harmonic');
    fact(metricLabels[metric] ?? metric, `${score(author.centrality[metric])}${estimate ? ' (estimate)' : ''}`);
  }

  const collaborators = el('ol', { class: 'plain', 'aria-label': 'Strongest collaborators' });
  for (const edge of author.coauthors.edges) {
    const button = el('button', { type: 'button', class: 'link-button' }, edge.node.name);
    button.addEventListener('click', () => context.showCollaborator(edge.node.id));
    collaborators.append(
      el('li', {}, button, el('span', { class: 'muted' }, ` · ${plural(edge.jointPaperCount, 'joint paper')}`)),
    );
  }

  const papers = el('ul', { class: 'plain papers', 'aria-label': 'Papers' });
  for (const paper of author.papers.nodes) {
    const meta = [paper.year === null ? null : String(paper.year), paper.venue]
      .filter((part) => part !== null)
      .join(' · ');
    papers.append(el('li', {}, paperTitle(paper), meta === '' ? null : el('div', { class: 'meta' }, meta)));
  }
  return [
    el('h2', { id: 'author-name' }, author.name),
    el(
      'p',
      { class: 'muted' },
      context.isCenterByDefault
        ? `${author.id} · the center of the drawing; click or hover over anyone for theirs`
        : author.id,
    ),
    actions,
    facts,
    el('h3', {}, `Strongest collaborators (${author.coauthors.edges.length} of ${author.coauthors.totalCount})`),
    collaborators,
    el(
      'h3',
      {},
      author.papers.totalCount > author.papers.nodes.length
        ? `Papers (newest ${author.papers.nodes.length} of ${author.papers.totalCount})`
        : `Papers (${author.papers.totalCount})`,
    ),
    papers,
  ];
}
