// Renders a triage decision: pathway, acuity, what to confirm on scene (checks), the
// reasons to read aloud, the questions still to ask, and the NEWS2 breakdown. Shared by the dispatcher's
// recommendation panel and the paramedic's re-triage.
import type { AnswerName, Decision } from './contract.js';
import { el } from './dom.js';
import { acuityLabels, answerLabels, dispositionLabels, label } from './labels.js';

const news2PartLabels: Record<string, string> = {
  respiratoryRate: 'Resp. rate',
  spo2: 'SpO₂',
  oxygen: 'On oxygen',
  systolicBP: 'Systolic BP',
  heartRate: 'Heart rate',
  gcs: 'Consciousness',
  temperature: 'Temperature',
};

export function decisionView(
  decision: Decision,
  options: { onAsk?: (name: AnswerName) => void; testPrefix: string },
): HTMLElement {
  const p = options.testPrefix;
  const missing = decision.missing.length
    ? el(
        'div',
        { className: 'missing' },
        el('h3', { text: 'Ask next' }),
        el(
          'ul',
          { testId: `${p}-missing` },
          ...decision.missing.map((name) =>
            el(
              'li',
              {},
              options.onAsk
                ? buttonFor(name, options.onAsk)
                : el('span', { text: answerLabels[name] ?? name }),
            ),
          ),
        ),
      )
    : null;
  const checks = decision.checks?.length
    ? el(
        'div',
        { className: 'checks', testId: `${p}-checks` },
        el('h3', { text: 'Confirm on scene' }),
        el(
          'ul',
          {},
          ...decision.checks.map((check) =>
            el('li', { dataset: { check: check.id } }, el('span', { text: check.message })),
          ),
        ),
      )
    : null;
  const parts = Object.entries(decision.news2?.parts ?? {});
  return el(
    'div',
    { className: 'decision' },
    el(
      'div',
      { className: 'decision-head' },
      el('span', {
        className: `disposition-badge disp-${decision.disposition}`,
        text: label(dispositionLabels, decision.disposition),
        testId: `${p}-disposition`,
        dataset: { disposition: decision.disposition },
      }),
      el('span', {
        className: `acuity acuity-${decision.acuity}`,
        text: label(acuityLabels, decision.acuity),
        testId: `${p}-acuity`,
      }),
    ),
    checks,
    el('h3', { text: 'Why' }),
    el(
      'ul',
      { className: 'reasons', testId: `${p}-reasons` },
      ...decision.reasons.map((reason) =>
        el(
          'li',
          {},
          el('span', { text: reason.message }),
          el('small', { className: 'rule-id', text: reason.rule }),
        ),
      ),
    ),
    missing,
    el(
      'div',
      { className: 'news2', testId: `${p}-news2` },
      el('strong', { text: `NEWS2 ${decision.news2?.score ?? 0}` }),
      parts.length
        ? el('span', {
            className: 'muted',
            text: ` (${parts.map(([k, v]) => `${news2PartLabels[k] ?? k} ${v}`).join(', ')})`,
          })
        : el('span', { className: 'muted', text: ' (no vitals)' }),
    ),
  );
}

function buttonFor(name: AnswerName, onAsk: (name: AnswerName) => void): HTMLButtonElement {
  const button = el('button', {
    className: 'link-button',
    text: answerLabels[name] ?? name,
    attrs: { type: 'button' },
    dataset: { question: name },
  });
  button.addEventListener('click', () => onAsk(name));
  return button;
}
