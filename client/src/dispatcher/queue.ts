// The live queue: calls pending, offered or active, searchable and filtered by pathway and
// status. Escalated calls first, then by acuity (emergency, urgent, non-urgent), then the
// longest waiting first.
import type { CallView } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import type { LiveBoard } from '../shared/live-board.js';
import { onBoard } from '../map/live-layers.js';
import { createQueueFilter } from './queue-filter.js';
import { queueRow } from './queue-row.js';

const acuityOrder = ['emergency', 'urgent', 'non_urgent'];
const acuity = (call: CallView) => acuityOrder.indexOf(call.triage.acuity);

export const queueOrder = (a: CallView, b: CallView) =>
  Number(b.escalated) - Number(a.escalated) ||
  acuity(a) - acuity(b) ||
  a.receivedAt.localeCompare(b.receivedAt);

export function createQueue(
  body: HTMLTableSectionElement,
  count: HTMLElement,
  filters: HTMLElement,
  board: LiveBoard,
  onOpen: (call: CallView) => void,
): void {
  const filter = createQueueFilter(filters, () => render());
  const render = () => {
    const all = [...board.calls.values()].filter(onBoard);
    const calls = all.filter((call) => filter.matches(call)).sort(queueOrder);
    count.textContent = filter.active() ? `${calls.length} of ${all.length}` : String(all.length);
    if (!calls.length) {
      const text = all.length ? 'No call matches the search.' : 'No calls on the board.';
      replaceChildren(
        body,
        el('tr', {}, el('td', { className: 'muted empty', text, attrs: { colspan: 7 } })),
      );
      return;
    }
    replaceChildren(body, ...calls.map((call) => queueRow(call, onOpen)));
  };
  board.onCall(render);
  board.onSnapshot(render);
  render();
}
