// Yes / no / unknown toggles for protocol questions: native radio groups, so they
// work with the keyboard (Tab to the group, arrows to choose) and screen readers.
import type { AnswerName, Answers } from './contract.js';
import { el } from './dom.js';
import { answerLabels } from './labels.js';

type Choice = 'yes' | 'no' | 'unknown';
const choices: Array<{ value: Choice; text: string }> = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'unknown', text: '?' },
];

export function answerToggle(prefix: string, name: AnswerName): HTMLElement {
  const labelId = `${prefix}-${name}-label`;
  const segments = el('span', { className: 'segmented' });
  for (const choice of choices) {
    const id = `${prefix}-${name}-${choice.value}`;
    const input = el('input', {
      id,
      attrs: {
        type: 'radio',
        name: `${prefix}-${name}`,
        value: choice.value,
        checked: choice.value === 'unknown',
      },
    });
    const text = el('label', {
      text: choice.text,
      className: `choice-${choice.value}`,
      attrs: { for: id, title: choice.value === 'unknown' ? 'Not asked / unknown' : undefined },
    });
    if (choice.value === 'unknown') text.setAttribute('aria-label', 'Unknown');
    segments.append(input, text);
  }
  return el(
    'div',
    {
      className: 'toggle-row',
      testId: `${prefix}-${name}`,
      attrs: { role: 'radiogroup', 'aria-labelledby': labelId },
    },
    el('span', { id: labelId, className: 'toggle-label', text: answerLabels[name] }),
    segments,
  );
}

/** The answers set to yes or no; unknown ones are left out (absent = not asked). */
export function readAnswers(
  root: ParentNode,
  prefix: string,
  names: readonly AnswerName[],
): Answers {
  const answers: Answers = {};
  for (const name of names) {
    const checked = root.querySelector<HTMLInputElement>(`input[name="${prefix}-${name}"]:checked`);
    if (checked?.value === 'yes') answers[name] = true;
    if (checked?.value === 'no') answers[name] = false;
  }
  return answers;
}

export function resetAnswers(root: ParentNode, prefix: string): void {
  for (const input of root.querySelectorAll<HTMLInputElement>(
    `input[type=radio][name^="${prefix}-"][value=unknown]`,
  )) {
    input.checked = true;
  }
}

/** Moves focus to a question's checked choice, so the call-taker can answer it with the arrows. */
export function focusAnswer(root: ParentNode, prefix: string, name: AnswerName): void {
  const checked = root.querySelector<HTMLInputElement>(`input[name="${prefix}-${name}"]:checked`);
  checked?.closest('.toggle-row')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  checked?.focus();
}
