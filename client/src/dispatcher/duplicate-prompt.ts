// Before a call that may repeat one already taken (same patient, or within 100 m in the
// last 30 minutes) is created, the dispatcher is asked: open the existing call, or create
// this one anyway. In the page, not a browser dialog, and keyboard-reachable.
import type { PossibleDuplicate } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { callStatusLabels, complaintLabels, formatTime, label } from '../shared/labels.js';

export function askAboutDuplicates(
  root: HTMLElement,
  duplicates: PossibleDuplicate[],
  choices: { createAnyway: () => void; open: (id: string) => void },
): void {
  const close = () => {
    root.hidden = true;
    replaceChildren(root);
  };
  const create = el('button', {
    text: 'Create as a new call',
    testId: 'duplicate-create',
    attrs: { type: 'button' },
  });
  create.addEventListener('click', () => {
    close();
    choices.createAnyway();
  });
  const back = el('button', {
    text: 'Do not create',
    className: 'secondary',
    testId: 'duplicate-dismiss',
    attrs: { type: 'button' },
  });
  back.addEventListener('click', close);
  root.hidden = false;
  replaceChildren(
    root,
    el('h3', { text: 'This may be a call already taken' }),
    el(
      'ul',
      {},
      ...duplicates.map((d) => {
        const open = el('button', {
          text: 'Open',
          className: 'secondary small',
          attrs: { type: 'button' },
        });
        open.addEventListener('click', () => {
          close();
          choices.open(d.id);
        });
        const why = d.samePatient ? 'same patient' : `${d.distanceM} m away`;
        return el(
          'li',
          { testId: `duplicate-${d.id}` },
          `${formatTime(d.receivedAt)} · ${label(complaintLabels, d.complaint)} · ${d.address ?? 'no address'} · ${why} · ${label(callStatusLabels, d.status)} `,
          open,
        );
      }),
    ),
    el('div', { className: 'actions' }, create, back),
  );
  create.focus();
}
