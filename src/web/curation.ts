/**
 * Curator controls: merge from the duplicate suggestions, split and rename from an author's panel. They appear
 * only while a curator token is present: the curator enters it in the explorer, it is kept in this tab's
 * sessionStorage (gone when the tab closes; never a cookie, so no other site can make the browser send it) and
 * sent only as `Authorization: Bearer` with the mutations. Each change shows the server's CurationResult (log
 * entry, network version, resulting people) and the page reloads what it shows.
 */
import {
  ApiError,
  type AuthorDetails,
  type CurationChange,
  type CurationResult,
  curate,
  fetchDuplicates,
} from './api-client.ts';
import { el, plural } from './format.ts';
import { isAbort, Section } from './section.ts';
import { errorMessage } from '../error-message.ts';

const TOKEN_KEY = 'coauthor-graph.curator-token';
const SUGGESTIONS = 10;

/** What a curator is told for each error code the mutations give (src/api/errors.ts). */
const errorAdvice: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'The curator token was not accepted (unknown, revoked or mistyped). Enter a valid token.',
  FORBIDDEN: 'This token may not make this change (its role does not allow it).',
  CONFLICT: 'Someone changed these authors at the same time; the page now shows their change. Check it and try again.',
  RATE_LIMITED: 'Too many changes in a short time from this token. Wait a minute and try again.',
};

export function curationErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const advice = error.code === null ? undefined : errorAdvice[error.code];
    return advice === undefined ? error.message : `${error.code}: ${advice} (${error.message})`;
  }
  return `Could not reach the server (${errorMessage(error)}).`;
}

export interface CurationElements {
  /** The `<details>` holding the token form. */
  readonly box: HTMLDetailsElement;
  readonly tokenForm: HTMLFormElement;
  readonly tokenInput: HTMLInputElement;
  readonly tokenState: HTMLParagraphElement;
  readonly forget: HTMLButtonElement;
  /** The card with the duplicate suggestions, hidden without a token. */
  readonly duplicatesCard: HTMLElement;
  readonly duplicates: HTMLOListElement;
  /** Where each change's result or error is shown. */
  readonly result: HTMLParagraphElement;
}

export class CuratorControls {
  private readonly loading = new Section();

  constructor(
    private readonly ui: CurationElements,
    /** After a change: reload whatever the page shows. */
    private readonly changed: () => void,
    /** A suggested author's name was clicked. */
    private readonly showAuthor: (id: string) => void,
  ) {
    ui.tokenForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = ui.tokenInput.value.trim();
      if (token === '') return;
      sessionStorage.setItem(TOKEN_KEY, token);
      ui.tokenInput.value = '';
      this.showResult('Curator token in use for this tab. Changes need it; reading does not.', false);
      this.update();
      this.changed();
    });
    ui.forget.addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      this.ui.result.hidden = true;
      this.update();
      this.changed();
    });
    this.update();
  }

  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** Shows or hides the controls for the token's presence, and loads the suggestions. */
  update(): void {
    const present = this.token() !== null;
    this.ui.tokenState.textContent = present ? 'A curator token is in use in this tab.' : '';
    this.ui.tokenState.hidden = !present;
    this.ui.forget.hidden = !present;
    this.ui.duplicatesCard.hidden = !present;
    if (present) void this.loadDuplicates();
    else this.ui.duplicates.replaceChildren();
  }

  private async loadDuplicates(): Promise<void> {
    const signal = this.loading.begin();
    this.ui.duplicates.replaceChildren(el('li', { class: 'hint' }, 'Loading suggestions…'));
    try {
      const candidates = await fetchDuplicates(SUGGESTIONS, signal);
      if (signal.aborted) return;
      if (candidates.length === 0) {
        this.ui.duplicates.replaceChildren(el('li', { class: 'hint' }, 'No possible duplicates left.'));
        return;
      }
      this.ui.duplicates.replaceChildren(
        ...candidates.map((candidate) => {
          const ids = candidate.authors.map((author) => author.id);
          const names = candidate.authors.map((author) => {
            const button = el('button', { type: 'button', class: 'link-button' }, author.name);
            button.addEventListener('click', () => this.showAuthor(author.id));
            return el('span', {}, button, el('span', { class: 'muted' }, ` (${plural(author.paperCount, 'paper')})`));
          });
          const evidence = [
            `score ${candidate.score.toFixed(2)}`,
            ...candidate.nameEvidence,
            candidate.sharedCoauthors.length > 0 ? plural(candidate.sharedCoauthors.length, 'shared co-author') : null,
            candidate.jointPaperCount > 0 ? `${plural(candidate.jointPaperCount, 'joint paper')} (two people?)` : null,
          ].filter((part) => part !== null);
          const merge = el('button', { type: 'button', 'data-curate': 'merge' }, 'Merge');
          merge.title = `One person: ${candidate.authors.map((author) => author.name).join(' = ')} (the first id is kept)`;
          merge.addEventListener('click', () => void this.apply({ kind: 'accept', authorIds: ids }, merge));
          const reject = el('button', { type: 'button', 'data-curate': 'reject' }, 'Not the same person');
          reject.addEventListener('click', () => void this.apply({ kind: 'reject', authorIds: ids }, reject));
          return el(
            'li',
            { 'data-candidate': candidate.id },
            el('div', {}, ...names.flatMap((name, i) => (i === 0 ? [name] : [' · ', name]))),
            el('div', { class: 'meta' }, evidence.join(' · ')),
            el('div', { class: 'buttons' }, merge, reject),
          );
        }),
      );
    } catch (error) {
      if (!isAbort(error)) this.showResult(curationErrorMessage(error), true);
    }
  }

  /** The curator's block in an author's panel (rename, split, merge with others), or null without a token. */
  authorControls(author: AuthorDetails): HTMLElement | null {
    if (this.token() === null) return null;
    const renameInput = el('input', { type: 'text', 'aria-label': 'New name', value: author.name });
    const renameButton = el('button', { type: 'submit' }, 'Rename');
    const rename = el('form', { class: 'curate-form', 'aria-label': 'Rename' }, renameInput, renameButton);
    rename.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = renameInput.value.trim();
      if (name === '' || name === author.name) return;
      void this.apply({ kind: 'rename', authorId: author.id, name }, renameButton);
    });

    // Split: the other person's spellings, or their papers, go to a new author.
    const spellings = author.nameVariants.map((spelling) =>
      el(
        'label',
        { class: 'check' },
        el('input', { type: 'checkbox', value: spelling, 'data-split': 'spelling' }),
        ` ${spelling}`,
      ),
    );
    const papers = author.papers.nodes.map((paper) =>
      el(
        'label',
        { class: 'check' },
        el('input', { type: 'checkbox', value: paper.id, 'data-split': 'paper' }),
        ` ${paper.title}${paper.year === null ? '' : ` (${paper.year})`}`,
      ),
    );
    const splitName = el('input', {
      type: 'text',
      'aria-label': 'Name of the person split off',
      placeholder: 'Their name',
    });
    const splitNote = el('input', {
      type: 'text',
      'aria-label': 'Why (split)',
      placeholder: 'Why (optional, kept in the log)',
    });
    const splitButton = el('button', { type: 'submit' }, 'Split off');
    const split = el(
      'form',
      { class: 'curate-form', 'aria-label': 'Split' },
      el('p', { class: 'hint' }, 'Another person wrongly merged in: tick their spellings or their papers.'),
      ...(spellings.length > 1 ? [el('fieldset', {}, el('legend', {}, 'Their spellings'), ...spellings)] : []),
      el('fieldset', {}, el('legend', {}, 'Or their papers'), ...papers),
      splitName,
      splitNote,
      splitButton,
    );
    split.addEventListener('submit', (event) => {
      event.preventDefault();
      const ticked = (kind: string) =>
        [...split.querySelectorAll<HTMLInputElement>(`input[data-split="${kind}"]:checked`)].map((box) => box.value);
      const [byName, byPaper] = [ticked('spelling'), ticked('paper')];
      const name = splitName.value.trim();
      if (name === '' || (byName.length === 0 && byPaper.length === 0)) {
        this.showResult('To split, tick their spellings or papers and give the other person’s name.', true);
        return;
      }
      void this.apply(
        {
          kind: 'split',
          authorId: author.id,
          name,
          spellings: byName.length > 0 ? byName : null,
          paperIds: byPaper.length > 0 ? byPaper : null,
          note: splitNote.value.trim() || null,
        },
        splitButton,
      );
    });

    return el(
      'section',
      { class: 'curate', 'aria-label': 'Curate this author' },
      el('h3', {}, 'Curate'),
      rename,
      el('details', {}, el('summary', {}, 'Split into two people'), split),
    );
  }

  private async apply(change: CurationChange, button: HTMLButtonElement): Promise<void> {
    const token = this.token();
    if (token === null) return;
    button.disabled = true;
    try {
      const result = await curate(change, token);
      this.showResult(describe(change, result), false);
      this.update();
      this.changed();
    } catch (error) {
      this.showResult(curationErrorMessage(error), true);
      if (error instanceof ApiError && error.code === 'CONFLICT') this.changed();
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        this.ui.box.open = true; // where another token goes
        this.ui.tokenInput.focus();
      }
    } finally {
      button.disabled = false;
    }
  }

  private showResult(text: string, isError: boolean): void {
    this.ui.result.textContent = text;
    this.ui.result.className = isError ? 'curation-result warning error' : 'curation-result';
    this.ui.result.dataset.kind = isError ? 'error' : 'done';
    this.ui.result.hidden = false;
  }
}

const done: Record<CurationChange['kind'], string> = {
  merge: 'Merged',
  accept: 'Merged',
  reject: 'Kept apart (never suggested again)',
  split: 'Split',
  rename: 'Renamed',
};

/** "Merged: Ann B. Lee (ann-lee). Log entry 3, network version 1a2b…" */
function describe(change: CurationChange, result: CurationResult): string {
  const people = result.authors.length > 0 ? result.authors : result.author === null ? [] : [result.author];
  const who = people.map((author) => `${author.name} (${author.id})`).join(' and ');
  return `${done[change.kind]}${who === '' ? '' : `: ${who}`}. Log entry ${result.id}, network version ${result.networkVersion}.`;
}
