// A new offer must reach a crew whose phone is in a pocket: it vibrates (where the device
// can) and chimes, repeating until the offer is answered, taken back or lapses; on screen a
// countdown says how long is left before dispatch offers it to another unit.
import { createChime } from '../shared/chime.js';
import { el } from '../shared/dom.js';

/** Long-short-long: told apart from a text message's buzz. */
const VIBRATION = [600, 200, 600, 200, 600];

export interface OfferAlert {
  /** A new offer: vibrate, and chime until `stop`. */
  start(): void;
  stop(): void;
}

export function createOfferAlert(): OfferAlert {
  const chime = createChime();
  let sounding = false;
  return {
    start() {
      if ('vibrate' in navigator) navigator.vibrate(VIBRATION);
      if (sounding) return;
      sounding = true;
      chime.start();
    },
    stop() {
      if (!sounding) return;
      sounding = false;
      chime.stop();
      if ('vibrate' in navigator) navigator.vibrate(0);
    },
  };
}

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** "Answer within 1:42", counting down to the offer's lapse; stops when taken off the page. */
export function expiryCountdown(offeredAt: string, timeoutSeconds: number): HTMLElement {
  const expiresAt = Date.parse(offeredAt) + timeoutSeconds * 1000;
  const node = el('p', {
    className: 'offer-expiry',
    testId: 'offer-expiry',
    attrs: { role: 'timer', 'aria-live': 'off' },
  });
  let ticks = 0;
  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    node.dataset.secondsLeft = String(left);
    node.dataset.urgent = String(left <= 30);
    node.textContent =
      left > 0
        ? `Answer within ${clock(left)}: then dispatch offers it to another unit.`
        : 'Time is up: dispatch is offering this call to another unit.';
    // The first run is before the node is on the page; once it is gone, so is the timer.
    if (ticks++ > 0 && (left === 0 || !node.isConnected)) clearInterval(timer);
  };
  const timer = setInterval(tick, 1000);
  tick();
  return node;
}
