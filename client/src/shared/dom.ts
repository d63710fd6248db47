// Builds DOM from data. Text is always set through textContent, so whatever a
// user typed (notes, addresses, reasons) is shown literally and never parsed as HTML.
type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  id?: string;
  testId?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  dataset?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  if (props.testId) node.dataset.testid = props.testId;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.dataset ?? {})) node.dataset[name] = value;
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function must<T extends Element>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`missing element ${selector}`);
  return found;
}

/** A definition list row pair: <dt>term</dt><dd>value</dd>. */
export function field(term: string, value: Child, testId?: string): Node[] {
  return [el('dt', { text: term }), el('dd', testId ? { testId } : {}, value)];
}

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Reads an optional number input: blank is undefined, anything else a number or NaN. */
export function numberOrUndefined(input: HTMLInputElement): number | undefined {
  const raw = input.value.trim();
  return raw === '' ? undefined : Number(raw);
}

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);
