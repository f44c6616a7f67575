/** The legend under the drawing: what colours (communities), sizes (a metric) and lines mean. */
import { OTHER_COMMUNITY_COLOR, communityColor } from '../export/community-colors.ts';
import { el, metricLabels, plural } from './format.ts';
import type { DrawnAuthor } from './network-view.ts';
import type { SizeMetric } from './url-state.ts';

/** Communities beyond this many (by size) are summed up in one line. */
const LISTED_COMMUNITIES = 8;

export function legendParts(authors: readonly DrawnAuthor[], size: SizeMetric, pathShown: boolean): HTMLElement[] {
  if (authors.length === 0) return [];
  const estimated =
    (size === 'betweenness' || size === 'closeness' || size === 'harmonic') &&
    authors.some((author) => !author.centrality.exact);
  const sizes = new Map<number, number>();
  for (const author of authors) sizes.set(author.community, (sizes.get(author.community) ?? 0) + 1);
  const communities = [...sizes].sort(([a, ca], [b, cb]) => cb - ca || a - b);
  const shownCommunities = communities.slice(0, LISTED_COMMUNITIES);
  const list = el('ul', {});
  for (const [community, count] of shownCommunities) {
    const color = community < 0 ? OTHER_COMMUNITY_COLOR : communityColor(community);
    const name = community < 0 ? 'Brought in by the path' : `Community ${community + 1}`;
    list.append(
      el(
        'li',
        {},
        el('span', { class: 'swatch', style: `background:${color}`, 'aria-hidden': 'true' }),
        `${name} (${count})`,
      ),
    );
  }
  const rest = communities.length - shownCommunities.length;
  const communitiesPart = el(
    'div',
    { class: 'legend-part' },
    el('h3', {}, 'Colour: Louvain community of this drawing'),
    list,
  );
  if (rest > 0)
    communitiesPart.append(
      el('p', { class: 'muted' }, `and ${plural(rest, 'smaller community', 'smaller communities')}`),
    );
  const encodingPart = el(
    'div',
    { class: 'legend-part' },
    el('h3', {}, 'Encoding'),
    el(
      'p',
      {},
      el('strong', {}, 'Size: '),
      `${metricLabels[size] ?? size}${size === 'paperCount' ? '' : ' in the whole network'}${estimated ? ' (estimates until the exact pass is done)' : ''}`,
    ),
    el(
      'p',
      {},
      el('strong', {}, 'Lines: '),
      'co-authorship; thicker and darker = more joint papers; a tie within a community in its colour, between communities in grey',
    ),
  );
  if (pathShown) {
    encodingPart.append(
      el(
        'p',
        {},
        el('span', { class: 'swatch', style: 'background:#d0021b;border-radius:2px', 'aria-hidden': 'true' }),
        ' Red: the collaboration path',
      ),
    );
  }
  return [communitiesPart, encodingPart];
}
