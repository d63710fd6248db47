// The live recommendation: POST /api/triage as the answers change (debounced),
// showing the latest decision, or which fields are still incomplete.
import { api, ApiError } from '../api.js';
import type { AnswerName, CallInput, Decision } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { decisionView } from '../shared/decision-view.js';
import { runInBackground } from '../shared/background.js';

export interface RecommendationPanel {
  update(call: CallInput): void;
}

export function createRecommendationPanel(
  root: HTMLElement,
  onAsk: (name: AnswerName) => void,
): RecommendationPanel {
  let sequence = 0;

  const show = (state: string, ...content: Node[]) => {
    root.dataset.state = state;
    replaceChildren(root, ...content);
  };

  const evaluate = async (call: CallInput) => {
    const mine = ++sequence;
    root.setAttribute('aria-busy', 'true');
    try {
      const decision = await api<Decision>('POST', '/api/triage', call);
      if (mine !== sequence) return;
      show('decision', decisionView(decision, { onAsk, testPrefix: 'recommendation' }));
    } catch (err) {
      if (mine !== sequence) return;
      if (err instanceof ApiError && err.status === 400) {
        const issues = err.body?.error.issues ?? [];
        show(
          'incomplete',
          el('p', { className: 'muted', text: 'Still needed before a recommendation:' }),
          el(
            'ul',
            { className: 'incomplete', testId: 'recommendation-incomplete' },
            // The schema's messages name their field ("Age must be between 0 and 120 years").
            ...(issues.length ? issues : [{ path: '', message: err.message }]).map((issue) =>
              el('li', { text: issue.message }),
            ),
          ),
        );
        return;
      }
      show(
        'error',
        el('p', {
          className: 'error',
          text: err instanceof Error ? err.message : 'Triage unavailable',
        }),
      );
    } finally {
      if (mine === sequence) root.removeAttribute('aria-busy');
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const waiting = () => {
    sequence++; // an answer still in flight is for an older form
    root.removeAttribute('aria-busy'); // and it will not clear this itself
    show(
      'empty',
      el('p', {
        className: 'muted',
        text: 'Enter the complaint and age to see the recommended pathway.',
      }),
    );
  };
  waiting();
  return {
    // Nothing to decide before a complaint and an age: no request (the empty form after a
    // call was created, or a call-taker still typing). Otherwise debounced.
    update(call) {
      clearTimeout(timer);
      const age = call.patient.age as number | undefined;
      if (!call.complaint || age === undefined || Number.isNaN(age)) return waiting();
      timer = setTimeout(() => runInBackground(evaluate(call)), 250);
    },
  };
}
