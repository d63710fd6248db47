// No accidental steps (issue 11). A step pressed on the phone is held for a few seconds,
// with an Undo, before it is sent. Why this design rather than a confirm dialog or a
// briefly disabled next button:
// - A confirm on every step doubles the taps of every call (a dozen a call, all shift),
//   and a confirm that is always answered "yes" stops being read.
// - A disabled-for-a-moment next button still lets a double tap through once it wakes,
//   and says nothing about what was pressed.
// - Holding the step shows, large, what was pressed and lets a wrong one be taken back;
//   while it is held no next-step button exists at all, and the place where the pressed
//   button was shows only text, so a second tap of a double tap (or a gloved finger that
//   slides) lands on nothing. Undo sits lower down, a deliberate move away.
// The held step is kept in memory only: a reload before it is sent drops it, as an Undo.
// How long it is held comes from the server (client config; shorter only in tests).
import { el } from '../shared/dom.js';
import type { StatusChange } from './status-actions.js';

/** The hold when the server has not said (offline, a copy of the config from before it did). */
export const UNDO_SECONDS = 5;

export interface HeldStep {
  change: StatusChange;
  text: string;
}

export interface StepGuard {
  /** Holds `change`; sends it after the hold unless undone. */
  hold(change: StatusChange, text: string): void;
  undo(): void;
  /** The held step, if any. */
  readonly held: HeldStep | null;
  /** The bar shown in place of the step buttons while a step is held (the same node each time). */
  view(): HTMLElement;
}

export function createStepGuard(
  commit: (step: HeldStep) => void,
  changed: () => void,
  holdSeconds: number = UNDO_SECONDS,
): StepGuard {
  let held: HeldStep | null = null;
  let deadline = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const message = el('p', {
    className: 'held-text',
    testId: 'held-step',
    attrs: { tabindex: -1 },
  });
  const countdown = el('span', { className: 'held-countdown', testId: 'held-countdown' });
  const undoButton = el('button', {
    text: 'Undo',
    className: 'big secondary undo',
    testId: 'undo-step',
    attrs: { type: 'button' },
  });
  const bar = el(
    'div',
    { className: 'held-step', attrs: { role: 'status', 'aria-live': 'assertive' } },
    message,
    el('p', { className: 'held-hint' }, countdown),
    undoButton,
  );

  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const tick = () => {
    if (!held) return;
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    countdown.textContent = `Sending in ${left} s. Pressed by mistake? Undo.`;
    if (left > 0) return;
    const step = held;
    held = null;
    stop();
    commit(step);
    changed();
  };

  undoButton.addEventListener('click', () => guard.undo());

  const guard: StepGuard = {
    hold(change, text) {
      if (held) return; // one step at a time: the second tap of a double tap does nothing
      held = { change, text };
      deadline = Date.now() + holdSeconds * 1000;
      message.textContent = `${text}`;
      bar.dataset.status = change.status;
      tick();
      timer = setInterval(tick, 250);
      changed();
      message.focus({ preventScroll: true });
    },
    undo() {
      if (!held) return;
      held = null;
      stop();
      changed();
    },
    get held() {
      return held;
    },
    view: () => bar,
  };
  return guard;
}
