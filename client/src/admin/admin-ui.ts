// Small pieces every admin panel uses: keyboard-reachable scrolling tables,
// select boxes from label maps, modal edit dialogs.
import { el, replaceChildren } from '../shared/dom.js';
import { clearErrors } from '../shared/form-errors.js';

/** A table in a focusable, labelled scroll region: reachable and scrollable with the keyboard. */
export function scrollTable(label: string, head: string[], testId: string) {
  const body = el('tbody');
  const region = el(
    'div',
    {
      className: 'table-scroll admin-table',
      attrs: { tabindex: 0, role: 'region', 'aria-label': label },
    },
    el(
      'table',
      { testId },
      el('caption', { className: 'sr-only', text: label }),
      el(
        'thead',
        {},
        el('tr', {}, ...head.map((h) => el('th', { text: h, attrs: { scope: 'col' } }))),
      ),
      body,
    ),
  );
  return { region, body };
}

export function select<K extends string>(
  name: string,
  options: Array<[K | '', string]>,
  value: string,
): HTMLSelectElement {
  const node = el('select', { attrs: { name } });
  for (const [key, label] of options) {
    node.append(el('option', { text: label, attrs: { value: key, selected: key === value } }));
  }
  return node;
}

export function input(name: string, attrs: Record<string, string | number | boolean> = {}) {
  return el('input', { attrs: { name, ...attrs } });
}

/**
 * A modal dialog holding one form. The browser traps focus in it and Escape
 * closes it; focus goes back to what opened it.
 */
export function editDialog(title: string, testId: string) {
  const heading = el('h3', { text: title, id: `${testId}-title` });
  const form = el('form', {
    className: 'admin-form',
    attrs: { method: 'dialog', novalidate: true },
  });
  const dialog = el(
    'dialog',
    { className: 'admin-dialog', testId, attrs: { 'aria-labelledby': `${testId}-title` } },
    heading,
    form,
  );
  let opener: HTMLElement | null = null;
  // Saving re-renders the table: focus goes to the new copy of the button that opened it.
  dialog.addEventListener('close', () => {
    const key = opener?.dataset.focusKey;
    const target =
      opener && !opener.isConnected && key
        ? document.querySelector<HTMLElement>(`[data-focus-key="${key}"]`)
        : opener;
    target?.focus();
  });
  return {
    dialog,
    form,
    open(name: string, ...children: Array<Node | string>) {
      opener = document.activeElement as HTMLElement | null;
      heading.textContent = `${title}: ${name}`;
      replaceChildren(form, ...children);
      clearErrors(form);
      dialog.showModal();
      form.querySelector<HTMLElement>('input, select, textarea')?.focus();
    },
    close: () => dialog.close(),
  };
}

/** Save and Cancel at the foot of a dialog's form. */
export function dialogButtons(saveLabel: string, onCancel: () => void): HTMLElement {
  const cancel = el('button', {
    className: 'secondary',
    text: 'Cancel',
    attrs: { type: 'button' },
  });
  cancel.addEventListener('click', onCancel);
  return el(
    'div',
    { className: 'dialog-actions' },
    el('button', { text: saveLabel, attrs: { type: 'submit' } }),
    cancel,
  );
}
