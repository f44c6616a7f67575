/** The collaboration path as text: the chain of people, then each hop with the joint papers behind it. */
import type { CollaborationPath } from './api-client.ts';
import { el, paperTitle, plural } from './format.ts';

export function pathSummary(path: CollaborationPath): HTMLElement {
  const box = el('div', { id: 'path-summary', 'data-length': String(path.length) });
  if (path.length === 0) {
    box.append(el('p', {}, 'The same person at both ends.'));
    return box;
  }
  box.append(
    el(
      'p',
      {},
      el('strong', {}, plural(path.length, 'hop')),
      `: ${path.authors.map((author) => author.name).join(' → ')}`,
    ),
  );
  const steps = el('ol', { 'aria-label': 'Hops of the path' });
  for (const step of path.steps) {
    const papers = el('ul', { 'aria-label': `Joint papers of ${step.from.name} and ${step.to.name}` });
    for (const paper of step.papers)
      papers.append(
        el('li', { class: 'path-paper' }, paperTitle(paper), paper.year === null ? '' : ` (${paper.year})`),
      );
    steps.append(
      el(
        'li',
        {},
        el('span', { class: 'hop' }, `${step.from.name} — ${step.to.name}`),
        ` · ${plural(step.papers.length, 'joint paper')}`,
        papers,
      ),
    );
  }
  box.append(steps);
  return box;
}
