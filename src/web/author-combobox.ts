/**
 * An author search field with suggestions as one types (the ARIA 1.2 combobox pattern): suggestions
 * come from the API's `authors(search:)`, most papers first; arrow keys move through them, Enter
 * picks one, Escape closes the list. Typing again forgets the previous pick.
 */
import { type AuthorSummary, searchAuthors } from './api-client.ts';

const DEBOUNCE_MS = 120;
let instances = 0;

export interface AuthorCombobox {
  /** The picked author, or null while the text matches no pick. */
  readonly value: () => AuthorSummary | null;
  set(author: AuthorSummary | null): void;
  readonly input: HTMLInputElement;
}

export function authorCombobox(input: HTMLInputElement, onPick: (author: AuthorSummary) => void): AuthorCombobox {
  instances += 1;
  const listId = `${input.id || `author-combobox-${instances}`}-suggestions`;
  const list = document.createElement('ul');
  list.id = listId;
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', `Suggestions for ${input.getAttribute('aria-label') ?? 'author'}`);
  list.hidden = true;
  input.insertAdjacentElement('afterend', list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.autocomplete = 'off';
  input.spellcheck = false;

  let picked: AuthorSummary | null = null;
  let options: AuthorSummary[] = [];
  let active = -1;
  let timer: number | undefined;
  let controller: AbortController | null = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('li').forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${index}`);
      list.children[index]?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };
  const pick = (author: AuthorSummary) => {
    picked = author;
    input.value = author.name;
    close();
    onPick(author);
  };
  const render = (query: string) => {
    list.replaceChildren();
    if (options.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.setAttribute('role', 'option');
      empty.setAttribute('aria-disabled', 'true');
      empty.textContent = `No author matches “${query}”`;
      list.append(empty);
    }
    options.forEach((author, i) => {
      const item = document.createElement('li');
      item.id = `${listId}-${i}`;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      const name = document.createElement('span');
      name.textContent = author.name;
      const count = document.createElement('span');
      count.className = 'muted';
      count.textContent = `${author.paperCount} paper${author.paperCount === 1 ? '' : 's'}`;
      item.append(name, count);
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(author);
      });
      list.append(item);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(options.length > 0 ? 0 : -1);
  };
  const suggest = () => {
    const query = input.value.trim();
    controller?.abort();
    if (query.length < 2) {
      options = [];
      close();
      return;
    }
    controller = new AbortController();
    searchAuthors(query, controller.signal)
      .then((found) => {
        if (input.value.trim() !== query) return;
        options = found;
        if (document.activeElement === input) render(query);
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          options = [];
          close();
        }
      });
  };

  input.addEventListener('input', () => {
    picked = null;
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) {
        suggest();
        return;
      }
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      const choice = options[active];
      if (!list.hidden && choice) {
        event.preventDefault();
        pick(choice);
      }
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => {
    window.setTimeout(close, 100);
  });

  return {
    value: () => picked,
    set(author) {
      picked = author;
      input.value = author?.name ?? '';
      close();
    },
    input,
  };
}
