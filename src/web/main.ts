/**
 * The collaboration explorer: wires the controls, the drawing and the panels to the state kept in the
 * address bar. Every change goes through `update`, which records the state in the URL and then brings
 * the page in line with it (`render`), fetching only what changed. Data comes only from /graphql.
 */
import './explorer.css';
import {
  ApiError,
  type AuthorSummary,
  type ExportFormat,
  type NetworkRequest,
  fetchAuthor,
  fetchExport,
  fetchNetwork,
  fetchPath,
  fetchRanking,
  fetchStats,
} from './api-client.ts';
import { type AuthorCombobox, authorCombobox } from './author-combobox.ts';
import { CuratorControls } from './curation.ts';
import { authorPanel } from './author-panel.ts';
import { el, metricLabels, plural, score } from './format.ts';
import { HoverCard } from './hover-card.ts';
import { legendParts } from './legend.ts';
import { pathSummary } from './path-summary.ts';
import { followCentralityProgress } from './progress-bar.ts';
import { NetworkView } from './network-view.ts';
import { Section, isAbort } from './section.ts';
import {
  type ExplorerState,
  type RankingMetric,
  type SizeMetric,
  type Tab,
  formatState,
  parseState,
  tabs,
} from './url-state.ts';
import { errorMessage } from '../error-message.ts';

const RANKING_PAGE = 20;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`explorer: the page has no #${id}`);
  return element as T;
}

const ui = {
  form: byId<HTMLFormElement>('network-form'),
  depth: byId<HTMLSelectElement>('depth'),
  minJoint: byId<HTMLInputElement>('min-joint'),
  maxNodes: byId<HTMLInputElement>('max-nodes'),
  size: byId<HTMLSelectElement>('size-metric'),
  drawButton: byId<HTMLButtonElement>('draw-button'),
  pathForm: byId<HTMLFormElement>('path-form'),
  pathClear: byId<HTMLButtonElement>('path-clear'),
  pathResult: byId<HTMLDivElement>('path-result'),
  status: byId<HTMLParagraphElement>('status'),
  warning: byId<HTMLParagraphElement>('warning'),
  graph: byId<HTMLDivElement>('graph'),
  empty: byId<HTMLDivElement>('empty'),
  quickStarts: byId<HTMLParagraphElement>('quick-starts'),
  tooltip: byId<HTMLDivElement>('tooltip'),
  legend: byId<HTMLDivElement>('legend'),
  dataset: byId<HTMLParagraphElement>('dataset'),
  authorPanel: byId<HTMLElement>('panel-author'),
  peopleList: byId<HTMLUListElement>('people-list'),
  peopleFilter: byId<HTMLInputElement>('people-filter'),
  peopleCount: byId<HTMLSpanElement>('people-count'),
  rankingMetric: byId<HTMLSelectElement>('ranking-metric'),
  rankingBody: byId<HTMLTableSectionElement>('ranking-body'),
  rankingCaption: byId<HTMLTableCaptionElement>('ranking-caption'),
  rankingPrev: byId<HTMLButtonElement>('ranking-prev'),
  rankingNext: byId<HTMLButtonElement>('ranking-next'),
  exportScope: byId<HTMLSelectElement>('export-scope'),
};

let state: ExplorerState = parseState(window.location.search);
/** What is on screen, to fetch only what changed. */
const shown = {
  networkKey: '',
  expanded: [] as string[],
  pathKey: '',
  detailsId: '',
  rankingKey: '',
  request: null as NetworkRequest | null,
  truncated: false,
  centerName: '',
};
let authorCount = 0;
let generation = 0;
/** Each section cancels its own previous load (see section.ts). */
const sections = {
  network: new Section(),
  path: new Section(),
  details: new Section(),
  ranking: new Section(),
};

const view = new NetworkView(ui.graph, {
  onSelect: (id) => update({ selected: id, tab: id === null ? state.tab : 'author' }),
  onHover: (id, where) => hoverCard.show(id, where),
});

/** Curator controls: shown only while a curator token is present (curation.ts). */
const curator = new CuratorControls(
  {
    box: byId<HTMLDetailsElement>('curator'),
    tokenForm: byId<HTMLFormElement>('curator-form'),
    tokenInput: byId<HTMLInputElement>('curator-token'),
    tokenState: byId<HTMLParagraphElement>('curator-state'),
    forget: byId<HTMLButtonElement>('curator-forget'),
    duplicatesCard: byId<HTMLElement>('duplicates-card'),
    duplicates: byId<HTMLOListElement>('duplicates'),
    result: byId<HTMLParagraphElement>('curation-result'),
  },
  () => reloadAll(),
  (id) => update({ selected: id, tab: 'author', author: state.author ?? id }, true),
);

/** After a curation change (or a token entered or forgotten): fetch everything shown again. */
function reloadAll(): void {
  shown.networkKey = '';
  shown.expanded = [];
  shown.pathKey = '';
  shown.detailsId = '';
  shown.rankingKey = '';
  void render();
}

const authorBox: AuthorCombobox = authorCombobox(byId('author-input'), (author) => {
  update({ author: author.id, selected: null, expanded: [] }, true);
});
const fromBox = authorCombobox(byId('path-from'), () => undefined);
const toBox = authorCombobox(byId('path-to'), () => undefined);

// ---- state ----

function update(change: Partial<ExplorerState>, push = false): void {
  state = { ...state, ...change };
  const url = `${window.location.pathname}${formatState(state)}`;
  if (url !== `${window.location.pathname}${window.location.search}`) {
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }
  void render();
}

window.addEventListener('popstate', () => {
  state = parseState(window.location.search);
  void render();
});

function networkRequest(): NetworkRequest | null {
  return state.author === null
    ? null
    : { center: state.author, depth: state.depth, minJointPapers: state.minJointPapers, maxNodes: state.maxNodes };
}

async function render(): Promise<void> {
  const mine = ++generation;
  syncControls();
  showTab(state.tab);
  view.setSizeMetric(state.size);
  try {
    await renderNetwork(mine);
    if (mine !== generation) return;
    await renderPath();
    if (mine !== generation) return;
    view.select(state.selected, false);
    renderPeople();
    renderLegend();
    await renderDetails();
    if (state.tab === 'ranking') await renderRanking();
  } catch (error) {
    if (mine === generation && !isAbort(error)) showError(error);
  }
}

function syncControls(): void {
  ui.depth.value = String(state.depth);
  ui.minJoint.value = String(state.minJointPapers);
  ui.maxNodes.value = String(state.maxNodes);
  ui.size.value = state.size;
  ui.rankingMetric.value = state.rankingMetric;
}

// ---- the network ----

async function renderNetwork(mine: number): Promise<void> {
  const request = networkRequest();
  const key = JSON.stringify(request);
  if (request === null) {
    shown.networkKey = key;
    ui.empty.hidden = false;
    setExportEnabled(false);
    return;
  }
  const extendsShown = key === shown.networkKey && shown.expanded.every((id, i) => state.expanded[i] === id);
  const signal = sections.network.begin();
  if (!extendsShown) {
    ui.status.textContent = 'Loading the network…';
    ui.status.classList.add('spinner');
    const started = performance.now();
    const network = await fetchNetwork(request, signal);
    if (signal.aborted || mine !== generation) return;
    view.show(network);
    shown.networkKey = key;
    shown.expanded = [];
    shown.pathKey = '';
    shown.request = request;
    shown.truncated = network.truncated;
    shown.centerName = network.center.name;
    authorBox.set(network.center);
    ui.empty.hidden = true;
    setExportEnabled(true);
    ui.status.dataset.loadMs = String(Math.round(performance.now() - started));
  }
  for (const id of state.expanded.slice(shown.expanded.length)) {
    const around = await fetchNetwork(
      { center: id, depth: 1, minJointPapers: state.minJointPapers, maxNodes: state.maxNodes },
      signal,
    );
    if (signal.aborted || mine !== generation) return;
    view.expand(around);
    shown.expanded.push(id);
    shown.truncated ||= around.truncated;
    shown.pathKey = '';
  }
  ui.status.classList.remove('spinner');
  describeNetwork();
}

function describeNetwork(): void {
  const authors = view.authors().filter((author) => author.origin !== 'path').length;
  ui.status.dataset.authors = String(authors);
  ui.status.dataset.ties = String(view.tieCount());
  const expansions =
    shown.expanded.length > 0 ? `, expanded around ${plural(shown.expanded.length, 'person', 'people')}` : '';
  ui.status.textContent =
    `${shown.centerName}: ${plural(authors, 'author')}, ${plural(view.tieCount(), 'tie')} — ` +
    `${plural(state.depth, 'hop')}, at least ${plural(state.minJointPapers, 'joint paper')} per tie${expansions}.`;
  if (shown.truncated) {
    const advice =
      state.maxNodes < 1000
        ? 'Raise “Max. authors” (up to 1,000) or “Min. joint papers” to see the rest.'
        : 'Raise “Min. joint papers” (or draw 1 hop) to see a complete network.';
    showWarning(
      `Truncated: more authors are within reach than the cap of ${state.maxNodes.toLocaleString('en')}. ` +
        `The nearest and most strongly tied are drawn. ${advice}`,
      'truncated',
    );
  } else {
    hideWarning();
  }
}

function setExportEnabled(drawn: boolean): void {
  const enabled = drawn || ui.exportScope.value === 'whole';
  document.querySelectorAll<HTMLButtonElement>('[data-format]').forEach((button) => {
    button.disabled = !enabled;
  });
}
ui.exportScope.addEventListener('change', () => setExportEnabled(shown.request !== null));

// ---- the path ----

async function renderPath(): Promise<void> {
  const key = JSON.stringify([state.pathFrom, state.pathTo, shown.networkKey, shown.expanded.length]);
  if (key === shown.pathKey) return;
  shown.pathKey = key;
  const signal = sections.path.begin();
  view.clearPath();
  ui.pathResult.replaceChildren();
  if (state.pathFrom === null || state.pathTo === null) {
    if (shown.request === null && !ui.empty.hidden) return;
    if (shown.request === null) {
      ui.empty.hidden = false;
      ui.status.textContent = 'No network drawn yet.';
    } else describeNetwork();
    return;
  }
  ui.pathResult.textContent = 'Looking for the shortest chain of co-authors…';
  const path = await fetchPath(state.pathFrom, state.pathTo, signal);
  if (signal.aborted) return;
  if (path === null) {
    ui.pathResult.textContent = 'These two are not connected by any chain of co-authors.';
    const [from, to] = await Promise.all([fetchAuthor(state.pathFrom, signal), fetchAuthor(state.pathTo, signal)]);
    if (signal.aborted) return;
    if (from) fromBox.set(from);
    if (to) toBox.set(to);
    return;
  }
  const first = path.authors[0];
  const last = path.authors[path.authors.length - 1];
  if (first) fromBox.set(first);
  if (last) toBox.set(last);
  view.showPath(path);
  ui.pathResult.replaceChildren(pathSummary(path));
  if (shown.request === null) {
    // No network drawn: the path is the drawing.
    ui.empty.hidden = true;
    ui.status.textContent = `Collaboration path from ${first?.name ?? ''} to ${last?.name ?? ''}: ${plural(path.length, 'hop')}.`;
  } else {
    describeNetwork();
  }
}

ui.pathForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const from = fromBox.value();
  const to = toBox.value();
  if (from === null || to === null) {
    ui.pathResult.textContent = 'Pick both authors from the suggestions first.';
    (from === null ? fromBox.input : toBox.input).focus();
    return;
  }
  update({ pathFrom: from.id, pathTo: to.id }, true);
});
ui.pathClear.addEventListener('click', () => {
  fromBox.set(null);
  toBox.set(null);
  update({ pathFrom: null, pathTo: null }, true);
});

// ---- people, legend, tooltip ----

function renderPeople(): void {
  const filter = ui.peopleFilter.value.trim().toLowerCase();
  const people = view.authors().sort((a, b) => (a.distance ?? 9) - (b.distance ?? 9) || a.name.localeCompare(b.name));
  ui.peopleCount.textContent = `(${people.length})`;
  ui.peopleList.replaceChildren(
    ...people
      .filter((author) => filter === '' || author.name.toLowerCase().includes(filter))
      .map((author) => {
        const button = el(
          'button',
          { type: 'button', 'aria-pressed': String(author.id === state.selected), 'data-author': author.id },
          el('span', {}, author.name),
          el(
            'span',
            { class: 'muted' },
            author.distance === null
              ? author.origin === 'path'
                ? 'on path'
                : 'expanded'
              : author.distance === 0
                ? 'center'
                : `${author.distance} hop${author.distance === 1 ? '' : 's'}`,
          ),
        );
        button.addEventListener('click', () => update({ selected: author.id, tab: 'author' }));
        for (const start of ['focus', 'mouseenter'] as const)
          button.addEventListener(start, () => view.preview(author.id));
        for (const end of ['blur', 'mouseleave'] as const) button.addEventListener(end, () => view.preview(null));
        return el('li', {}, button);
      }),
  );
}
ui.peopleFilter.addEventListener('input', renderPeople);
ui.peopleList.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...ui.peopleList.querySelectorAll<HTMLButtonElement>('button')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    event.preventDefault();
    next.focus();
  }
});

function renderLegend(): void {
  const authors = view.authors();
  ui.legend.hidden = authors.length === 0;
  ui.legend.replaceChildren(...legendParts(authors, state.size, state.pathFrom !== null && state.pathTo !== null));
}

const hoverCard = new HoverCard(ui.tooltip, ui.graph, view);

// ---- the author panel ----

async function renderDetails(): Promise<void> {
  // Nobody selected: the panel shows the center of the drawing.
  const id = state.selected ?? state.author;
  const key = JSON.stringify([id, shown.networkKey, shown.expanded]);
  if (key === shown.detailsId) return;
  shown.detailsId = key;
  const signal = sections.details.begin();
  if (id === null) {
    ui.authorPanel.replaceChildren(
      el(
        'p',
        { class: 'hint' },
        'Hover over a person to see their ties in the drawing; click them (or pick them in the People tab) for their papers and strongest collaborators.',
      ),
    );
    return;
  }
  ui.authorPanel.replaceChildren(el('p', { class: 'hint' }, 'Loading…'));
  const author = await fetchAuthor(id, signal);
  if (signal.aborted || (state.selected ?? state.author) !== id) return;
  if (author === null) {
    ui.authorPanel.replaceChildren(el('p', {}, `No author has the id “${id}”.`));
    return;
  }
  const curation = curator.authorControls(author);
  ui.authorPanel.replaceChildren(
    ...authorPanel(author, {
      drawn: view.author(author.id),
      isCenterByDefault: state.selected === null,
      canDraw: author.id !== state.author,
      canExpand: view.author(author.id) !== null && author.id !== state.author && !state.expanded.includes(author.id),
      draw: () => update({ author: author.id, expanded: [], selected: author.id }, true),
      expand: () => update({ expanded: [...state.expanded, author.id] }, true),
      pathFrom: () => {
        fromBox.set(author);
        const to = toBox.value();
        if (to !== null) update({ pathFrom: author.id, pathTo: to.id }, true);
        else toBox.input.focus();
      },
      pathTo: () => {
        toBox.set(author);
        const from = fromBox.value();
        if (from !== null) update({ pathFrom: from.id, pathTo: author.id }, true);
        else fromBox.input.focus();
      },
      showCollaborator: (id) =>
        view.author(id) ? update({ selected: id }) : update({ author: id, expanded: [], selected: id }, true),
    }),
  );
  if (curation !== null) ui.authorPanel.append(curation);
}

// ---- the ranking ----

async function renderRanking(): Promise<void> {
  const key = JSON.stringify([state.rankingMetric, state.rankingPage]);
  if (key === shown.rankingKey) return;
  shown.rankingKey = key;
  const signal = sections.ranking.begin();
  // The caption and the rows are written from this load's own request, never from `state` after the await.
  const { rankingMetric: metric, rankingPage: page } = state;
  const offset = page * RANKING_PAGE;
  const { ranking, stats } = await fetchRanking(metric, RANKING_PAGE, offset, signal);
  if (signal.aborted) return;
  authorCount = stats.authorCount;
  ui.rankingCaption.textContent =
    ranking.length === 0
      ? 'No authors on this page.'
      : `${metricLabels[metric]} over the whole network: ${offset + 1}–${offset + ranking.length} of ${stats.authorCount.toLocaleString('en')} authors` +
        (ranking.some((entry) => !entry.exact) ? ' (estimates until the exact pass is done)' : '');
  ui.rankingBody.replaceChildren(
    ...ranking.map((entry) => {
      const button = el(
        'button',
        { type: 'button', class: 'link-button', title: `Draw the network of ${entry.author.name}` },
        entry.author.name,
      );
      button.addEventListener('click', () =>
        update({ author: entry.author.id, expanded: [], selected: entry.author.id }, true),
      );
      return el(
        'tr',
        {},
        el('td', {}, String(entry.rank)),
        el('td', {}, button),
        el('td', { class: 'num' }, score(entry.score)),
      );
    }),
  );
  ui.rankingPrev.disabled = page === 0;
  ui.rankingNext.disabled = offset + RANKING_PAGE >= authorCount;
}
ui.rankingMetric.addEventListener('change', () =>
  update({ rankingMetric: ui.rankingMetric.value as RankingMetric, rankingPage: 0 }),
);
ui.rankingPrev.addEventListener('click', () => update({ rankingPage: Math.max(0, state.rankingPage - 1) }));
ui.rankingNext.addEventListener('click', () => update({ rankingPage: state.rankingPage + 1 }));

// ---- tabs ----

function showTab(tab: Tab): void {
  for (const name of tabs) {
    const button = byId<HTMLButtonElement>(`tab-${name}`);
    button.setAttribute('aria-selected', String(name === tab));
    button.tabIndex = name === tab ? 0 : -1;
    byId(`panel-${name}`).hidden = name !== tab;
  }
}
tabs.forEach((name, i) => {
  const button = byId<HTMLButtonElement>(`tab-${name}`);
  button.addEventListener('click', () => update({ tab: name }));
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tabs[(i + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length] as Tab;
    update({ tab: next });
    byId(`tab-${next}`).focus();
  });
});

// ---- controls ----

function wholeNumber(input: HTMLInputElement, fallback: number): number {
  const value = Number(input.value);
  return Number.isInteger(value) && value >= Number(input.min) && value <= Number(input.max) ? value : fallback;
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const picked = authorBox.value();
  if (picked === null && state.author === null) {
    showWarning('Pick an author from the suggestions first (type at least two letters of a name).', 'error');
    authorBox.input.focus();
    return;
  }
  const minJointPapers = wholeNumber(ui.minJoint, state.minJointPapers);
  const maxNodes = wholeNumber(ui.maxNodes, state.maxNodes);
  if (String(minJointPapers) !== ui.minJoint.value || String(maxNodes) !== ui.maxNodes.value) {
    showWarning(
      '“Min. joint papers” and “Max. authors” must be whole numbers from 1 to 1,000; the previous values are kept.',
      'error',
    );
  }
  update(
    { author: picked?.id ?? state.author, depth: Number(ui.depth.value), minJointPapers, maxNodes, expanded: [] },
    true,
  );
});
ui.size.addEventListener('change', () => update({ size: ui.size.value as SizeMetric }));
byId('skip-to-people').addEventListener('click', (event) => {
  event.preventDefault();
  update({ tab: 'people' });
  ui.peopleFilter.focus();
});
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (event.key === 'Escape' && !typing && state.selected !== null) update({ selected: null });
  if (event.key === '/' && !typing) {
    event.preventDefault();
    authorBox.input.focus();
  }
});
byId('zoom-in').addEventListener('click', () => view.zoom('in'));
byId('zoom-out').addEventListener('click', () => view.zoom('out'));
byId('zoom-reset').addEventListener('click', () => view.zoom('reset'));

async function download(button: HTMLButtonElement): Promise<void> {
  const whole = ui.exportScope.value === 'whole';
  if (!whole && shown.request === null) return;
  button.disabled = true;
  try {
    const file = await fetchExport(button.dataset.format as ExportFormat, whole ? null : shown.request);
    const link = el('a', {
      href: URL.createObjectURL(new Blob([file.content], { type: file.mediaType })),
      download: file.fileName,
    });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    showError(error);
  } finally {
    setExportEnabled(shown.request !== null);
  }
}
document.querySelectorAll<HTMLButtonElement>('[data-format]').forEach((button) => {
  button.addEventListener('click', () => void download(button));
});

// ---- messages ----

function showWarning(text: string, kind: 'truncated' | 'error'): void {
  ui.warning.textContent = text;
  ui.warning.className = `warning${kind === 'error' ? ' error' : ''}`;
  ui.warning.dataset.kind = kind;
  ui.warning.hidden = false;
}

function hideWarning(): void {
  ui.warning.hidden = true;
  ui.warning.textContent = '';
  delete ui.warning.dataset.kind;
}

function showError(error: unknown): void {
  ui.status.classList.remove('spinner');
  const message = error instanceof ApiError ? error.message : `Could not reach the server (${errorMessage(error)}).`;
  if (shown.request === null) ui.status.textContent = 'No network drawn.';
  else describeNetwork(); // the drawing still shown is the last one that loaded
  showWarning(message, 'error');
}

// ---- start ----

async function start(): Promise<void> {
  try {
    const [stats, top] = await Promise.all([fetchStats(), fetchRanking('degree', 6, 0)]);
    ui.dataset.textContent = `${plural(stats.paperCount, 'paper')} · ${plural(stats.authorCount, 'author')} · ${plural(stats.collaborationCount, 'collaboration')}`;
    ui.quickStarts.replaceChildren(
      'Or start with one of the most connected: ',
      ...top.ranking.map((entry: { author: AuthorSummary }) => {
        const button = el('button', { type: 'button' }, entry.author.name);
        button.addEventListener('click', () => update({ author: entry.author.id, selected: null, expanded: [] }, true));
        return button;
      }),
    );
  } catch (error) {
    showError(error);
  }
}

void start();
void render();
void followCentralityProgress(document.body);

/** For scripts and browser tests: where a drawn author is on screen (pixels from the drawing's corner). */
Object.defineProperty(window, 'coauthorExplorer', {
  value: Object.freeze({
    viewportPosition: (id: string) => view.viewportPosition(id),
    drawnTies: () => view.drawnTies(),
    nodeRadius: (id: string) => view.nodeRadius(id),
    labels: () => view.labels(),
    zoom: (ratio: number) => view.setZoom(ratio),
  }),
});
