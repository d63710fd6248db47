import { notify } from './notice.js';

/**
 * Starts an async action from a callback that cannot wait for it (a click, a
 * change, a timer, a socket event). The actions show their own expected errors;
 * anything they did not expect is shown in the status line and logged, never
 * lost as an unhandled rejection.
 */
export function runInBackground(action: Promise<unknown>): void {
  action.catch((err: unknown) => {
    console.error(err);
    notify(err instanceof Error ? err.message : 'Something went wrong', 'error');
  });
}
