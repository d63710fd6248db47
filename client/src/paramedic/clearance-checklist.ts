// The crisis centre's medical clearance (rule set v2) as a checklist in the on-scene
// assessment: each vital sign of the complete set with its range, ticked as the crew types
// it, and the answers that rule the centre out. It guides; the re-triage decides, and its
// answer is the last line ("Cleared" only when the rules found the set complete and in range).
import {
  clearanceCheckId,
  clearanceExclusions,
  clearanceRanges,
  rangeState,
  type ClearanceState,
} from '../../../shared/medical-clearance.js';
import type { Answers, Decision } from '../shared/contract.js';
import { el, numberOrUndefined, replaceChildren } from '../shared/dom.js';

const stateText: Record<ClearanceState, string> = {
  unmeasured: 'not measured yet',
  in_range: 'in range',
  outside: 'outside the range: the crisis centre is not safe',
};

export interface ClearanceChecklist {
  root: HTMLElement;
  /** Re-reads the form's vitals and answers. */
  update(form: HTMLFormElement): void;
  /** The re-triage's verdict. */
  decided(decision: Decision): void;
}

export function clearanceChecklist(vitalPrefix: string, answerPrefix: string, known: Answers) {
  const items = clearanceRanges.map((range) => ({
    range,
    node: el('li', { testId: `clearance-${range.vital}` }),
  }));
  const exclusions = clearanceExclusions.map((exclusion) => ({
    exclusion,
    node: el('li', { testId: `clearance-${exclusion.answer}` }),
  }));
  const verdict = el('p', {
    className: 'clearance-verdict',
    testId: 'clearance-verdict',
    text: 'Not cleared yet: measure the set, then Re-triage.',
    dataset: { state: 'pending' },
  });
  const root = el(
    'fieldset',
    { className: 'clearance', testId: 'clearance-checklist' },
    el('legend', { text: 'Crisis-centre medical clearance' }),
    el(
      'ul',
      { className: 'checklist' },
      ...items.map((i) => i.node),
      ...exclusions.map((e) => e.node),
    ),
    verdict,
  );

  const mark = (node: HTMLElement, state: ClearanceState, text: string) => {
    node.dataset.state = state;
    replaceChildren(
      node,
      el('span', {
        className: 'check-mark',
        text: state === 'in_range' ? '✓' : state === 'outside' ? '✗' : '○',
        attrs: { 'aria-hidden': 'true' },
      }),
      ` ${text}`,
    );
  };

  const checklist: ClearanceChecklist = {
    root,
    update(form) {
      for (const { range, node } of items) {
        const input = form.querySelector<HTMLInputElement>(`#${vitalPrefix}-${range.vital}`);
        const state = rangeState(range, input ? numberOrUndefined(input) : undefined);
        const optional = !range.required && state === 'unmeasured';
        mark(
          node,
          state,
          `${range.text}: ${optional ? 'not measured (optional)' : stateText[state]}`,
        );
      }
      for (const { exclusion, node } of exclusions) {
        const chosen = form.querySelector<HTMLInputElement>(
          `input[name="${answerPrefix}-${exclusion.answer}"]:checked`,
        )?.value;
        const value = chosen === 'yes' ? true : chosen === 'no' ? false : known[exclusion.answer];
        const state: ClearanceState =
          value === undefined ? 'unmeasured' : value ? 'outside' : 'in_range';
        mark(
          node,
          state,
          `${exclusion.text}: ${state === 'unmeasured' ? 'not asked yet' : state === 'in_range' ? 'yes' : 'no: the crisis centre is not safe'}`,
        );
      }
    },
    decided(decision) {
      const check = decision.checks.find((c) => c.id === clearanceCheckId);
      if (decision.disposition !== 'crisis_centre') {
        verdict.dataset.state = 'refused';
        verdict.textContent =
          'Not cleared: the re-triage no longer sends this patient to the crisis centre.';
      } else if (check) {
        verdict.dataset.state = 'pending';
        verdict.textContent = `Not cleared yet: ${check.message}`;
      } else {
        verdict.dataset.state = 'cleared';
        verdict.textContent = 'Cleared: the re-triage confirms the crisis centre.';
      }
    },
  };
  return checklist;
}
