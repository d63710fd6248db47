import { el } from '../shared/dom.js';

/** A plain button (`type="button"`, so it never submits a form around it) with its test id. */
export function actionButton(
  text: string,
  testId: string,
  className: string,
  onClick: () => void,
): HTMLButtonElement {
  const b = el('button', { text, testId, className, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}
