// The on-scene assessment: vitals and updated key answers, re-triaged by the
// server with the same engine. An emergency-department result escalates the call.
import { api, ApiError } from '../api.js';
import { answerToggle, readAnswers } from '../shared/answer-toggles.js';
import type { AnswerName, CallView, Decision } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { decisionView } from '../shared/decision-view.js';
import { keyQuestionsFor } from '../shared/key-questions.js';
import { readVitals, vitalsFieldset } from '../shared/vitals-fields.js';
import { runInBackground } from '../shared/background.js';
import { clearanceChecklist } from './clearance-checklist.js';

const PREFIX = 'assess';
/** What a paramedic sees on scene that the caller may not have known, after the complaint's own. */
const onScene: AnswerName[] = [
  'conscious',
  'breathingNormally',
  'chestPain',
  'newConfusion',
  'onOxygen',
  'spo2Scale2',
  'fever',
  'severeBleeding',
  'strokeSigns',
  'headInjury',
  'injuryFromFall',
  'unableToGetUp',
  'pregnant',
  'intoxicated',
  'violent',
  'weaponsPresent',
  'consentsToAlternate',
];

export interface AssessmentResult {
  call: CallView;
  triage: Decision;
  escalated: boolean;
}

/** The form for `call`; a crisis-centre call shows the medical clearance as a checklist. */
export function assessmentForm(
  call: CallView,
  onResult: (result: AssessmentResult) => void,
): HTMLElement {
  const callId = call.id;
  const keyAnswers = [...new Set([...keyQuestionsFor(call.complaint), ...onScene])];
  const clearance =
    call.disposition === 'crisis_centre'
      ? clearanceChecklist('assess-vital', PREFIX, call.answers)
      : null;
  const result = el('div', {
    className: 'assessment-result',
    testId: 'assessment-result',
    attrs: { 'aria-live': 'polite' },
  });
  const submit = el('button', {
    text: 'Re-triage',
    attrs: { type: 'submit' },
    testId: 'assessment-submit',
  });
  const form = el(
    'form',
    { className: 'assessment', testId: 'assessment-form' },
    el('h2', { text: 'On-scene assessment' }),
    el('p', {
      className: 'muted',
      text: 'Vitals you measured, and any answer that changed (? keeps the call-taker’s answer). The crisis centre needs heart rate, respiratory rate, systolic BP, SpO₂, temperature and GCS.',
    }),
    vitalsFieldset('assess-vital'),
    clearance?.root,
    el(
      'fieldset',
      { className: 'question-group' },
      el('legend', { text: 'Key answers' }),
      ...keyAnswers.map((name) => answerToggle(PREFIX, name)),
    ),
    submit,
    result,
  );
  const reassess = async () => {
    submit.disabled = true;
    try {
      const body = {
        vitals: readVitals(form, 'assess-vital'),
        answers: readAnswers(form, PREFIX, keyAnswers),
      };
      const answer = await api<AssessmentResult>('POST', `/api/calls/${callId}/assessment`, body);
      replaceChildren(
        result,
        answer.escalated
          ? el('p', {
              className: 'flag big-flag',
              text: 'Escalated: emergency department',
              testId: 'assessment-escalated',
            })
          : null,
        decisionView(answer.triage, { testPrefix: 'retriage' }),
      );
      clearance?.decided(answer.triage);
      onResult(answer);
    } catch (err) {
      const issues = err instanceof ApiError ? (err.body?.error.issues ?? []) : [];
      replaceChildren(
        result,
        el('p', {
          className: 'error',
          attrs: { role: 'alert' },
          text: issues.length
            ? issues.map((i) => `${i.path}: ${i.message}`).join('; ')
            : err instanceof ApiError
              ? err.message
              : 'No network: the re-triage needs altpath. Try again once the phone is back online.',
        }),
      );
    } finally {
      submit.disabled = false;
    }
  };
  const recheck = () => clearance?.update(form);
  form.addEventListener('input', recheck);
  form.addEventListener('change', recheck);
  recheck();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    runInBackground(reassess());
  });
  return form;
}
