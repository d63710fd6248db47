// Time since something happened ("4 min 05 s"), kept ticking. Any `<time data-since>` on the
// page is redrawn once a second by one timer, so a re-render never starts another.
import { el } from './dom.js';

/** "45 s", "4 min 05 s", "1 h 04 min": coarser as it grows, never negative. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A ticking "time since" element; `prefix` reads before it ("offered 35 s ago"). */
export function elapsedSince(iso: string, options: { testId?: string; prefix?: string } = {}) {
  const node = el('time', {
    className: 'elapsed',
    testId: options.testId,
    attrs: { datetime: iso },
    dataset: { since: iso, prefix: options.prefix ?? '' },
  });
  draw(node, Date.now());
  startTicking();
  return node;
}

function draw(node: HTMLElement, now: number): void {
  const since = Date.parse(node.dataset.since ?? '');
  if (Number.isNaN(since)) return;
  const text = formatElapsed(now - since);
  node.textContent = node.dataset.prefix ? `${node.dataset.prefix} ${text}` : text;
}

let ticking = false;
function startTicking(): void {
  if (ticking) return;
  ticking = true;
  setInterval(() => {
    const now = Date.now();
    for (const node of document.querySelectorAll<HTMLElement>('time[data-since]')) draw(node, now);
  }, 1000);
}
