/**
 * The card shown while the pointer rests on a person in the drawing: name, figures, their strongest
 * ties in the drawing and (after a short pause, fetched once per person) their latest papers.
 */
import { type AuthorDetails, fetchAuthor } from './api-client.ts';
import { el, plural } from './format.ts';
import type { NetworkView } from './network-view.ts';

export class HoverCard {
  /** Details by author id: a person hovered twice is fetched once. */
  private readonly details = new Map<string, Promise<AuthorDetails | null>>();
  private timer: number | undefined;

  constructor(
    private readonly card: HTMLElement,
    private readonly graph: HTMLElement,
    private readonly view: NetworkView,
  ) {}

  /** Shows the card for a drawn person at a point of the drawing, or hides it (null). */
  show(id: string | null, where: { x: number; y: number } | null): void {
    window.clearTimeout(this.timer);
    const author = id === null ? null : this.view.author(id);
    if (author === null || where === null) {
      this.card.hidden = true;
      return;
    }
    const ties = this.view.ties(author.id).slice(0, 3);
    const papers = el('div', { class: 'tooltip-papers muted' }, 'Papers…');
    this.card.replaceChildren(
      ...[
        el('strong', {}, author.name),
        el('div', {}, `${plural(author.paperCount, 'paper')} · ${plural(author.coauthorCount, 'co-author')} in all`),
        ties.length > 0
          ? el(
              'div',
              {},
              `Strongest ties here: ${ties.map((tie) => `${tie.author.name} (${tie.jointPapers})`).join(', ')}`,
            )
          : null,
        papers,
        el('div', { class: 'muted' }, 'Click for all papers and collaborators'),
      ].filter((child) => child !== null),
    );
    this.card.hidden = false;
    this.place(where);
    // A short pause first, so sweeping the mouse across the drawing sends no requests.
    this.timer = window.setTimeout(() => {
      let details = this.details.get(author.id);
      if (details === undefined) {
        details = fetchAuthor(author.id).catch(() => null);
        this.details.set(author.id, details);
      }
      void details.then((found) => {
        if (!papers.isConnected || found === null) return;
        const recent = found.papers.nodes.slice(0, 3);
        papers.replaceChildren(
          el('span', {}, 'Latest papers:'),
          el(
            'ul',
            {},
            ...recent.map((paper) => el('li', {}, paper.title, paper.year === null ? '' : ` (${paper.year})`)),
          ),
        );
        papers.classList.remove('muted');
        this.place(where);
      });
    }, 120);
  }

  /** Beside the pointer; above it when the card would run past the drawing's bottom edge. */
  private place(where: { x: number; y: number }): void {
    const box = this.graph.getBoundingClientRect();
    const stage = this.graph.parentElement!.getBoundingClientRect();
    const left = Math.min(where.x + 14, box.width - this.card.offsetWidth - 8);
    const below = where.y + 14 + this.card.offsetHeight <= box.height;
    this.card.style.left = `${Math.max(4, left) + box.left - stage.left}px`;
    this.card.style.top = `${(below ? where.y + 14 : Math.max(4, where.y - 14 - this.card.offsetHeight)) + box.top - stage.top}px`;
  }
}
