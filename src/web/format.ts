/** Small text helpers for the explorer's panels. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

export function score(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return Math.abs(value) >= 0.001 ? value.toFixed(4) : value.toExponential(2);
}

export const metricLabels: Readonly<Record<string, string>> = {
  paperCount: 'Papers',
  degree: 'Degree',
  weightedDegree: 'Weighted degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  harmonic: 'Harmonic',
  eigenvector: 'Eigenvector',
  pagerank: 'PageRank',
};

/** Builds an element with text and children: `el('li', { class: 'x' }, 'text', child)`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

/** A paper's title, linked to its page when the data has a web address. */
export function paperTitle(paper: { title: string; url: string | null }): Node {
  if (paper.url && /^https?:\/\//u.test(paper.url))
    return el('a', { href: paper.url, target: '_blank', rel: 'noopener' }, paper.title);
  return document.createTextNode(paper.title);
}
