// A short two-tone chime, repeated while something waits for a person: Web Audio, so no
// sound file to load. Browsers let a page make sound only after the user has touched it,
// so the first key press or click on the page unlocks it (a console is used all shift).

const REPEAT_MS = 4_000;

export interface Chime {
  start(): void;
  stop(): void;
  /** Once now (a new offer), whatever the repetition. */
  once(): void;
}

export function createChime(): Chime {
  let context: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  const unlock = () => {
    context ??= new AudioContext();
    void context.resume().catch(() => undefined);
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });

  const play = () => {
    document.documentElement.dataset.chimes = String(
      Number(document.documentElement.dataset.chimes ?? '0') + 1,
    );
    if (!context || context.state !== 'running') return;
    const now = context.currentTime;
    for (const [i, frequency] of [880, 660].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.25 + 0.22);
      osc.connect(gain).connect(context.destination);
      osc.start(now + i * 0.25);
      osc.stop(now + i * 0.25 + 0.25);
    }
  };

  return {
    start() {
      if (timer !== undefined) return;
      play();
      timer = setInterval(play, REPEAT_MS);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    once: play,
  };
}
