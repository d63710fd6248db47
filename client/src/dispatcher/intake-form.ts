// The call-taker's intake form: patient, every protocol question as a
// yes/no/unknown toggle (unknown by default), the complaint's key questions first,
// optional vitals, notes and location.
import { answerToggle, focusAnswer, readAnswers, resetAnswers } from '../shared/answer-toggles.js';
import type { AnswerName, CallInput, Complaint, Sex } from '../shared/contract.js';
import { el, must, numberOrUndefined } from '../shared/dom.js';
import { keyQuestionsFor } from '../shared/key-questions.js';
import { complaintLabels, questionGroups, sexLabels } from '../shared/labels.js';
import { readVitals, vitalsFieldset } from '../shared/vitals-fields.js';
import { createIntakeChecks } from './intake-checks.js';

const PREFIX = 'answer';
const allQuestions: AnswerName[] = questionGroups.flatMap((group) => group.questions);

export interface IntakeForm {
  /** The call as typed so far (may be incomplete: the server says what is missing). */
  read(): CallInput;
  /** Checks the call with the server's schema; each problem beside its field. */
  check(call: CallInput): boolean;
  /** A 400 from the server, beside the fields; returns what no field could show. */
  showServerIssues(issues: Array<{ path: string; message: string }>): string[];
  setLocation(lat: number, lng: number): void;
  focusQuestion(name: AnswerName): void;
  /** Clears the form for the next call; focus goes to the complaint unless told otherwise. */
  reset(options?: { focus?: boolean }): void;
  onChange(listener: () => void): void;
  onSubmit(listener: (call: CallInput) => void): void;
  setBusy(busy: boolean): void;
}

export function createIntakeForm(form: HTMLFormElement): IntakeForm {
  const complaint = must<HTMLSelectElement>('#complaint', form);
  // No complaint preselected: a call-taker who skips it is told, not silently given "mental health".
  complaint.append(el('option', { text: 'Choose the complaint…', attrs: { value: '' } }));
  for (const [value, text] of Object.entries(complaintLabels))
    complaint.append(el('option', { text, attrs: { value } }));
  const sex = must<HTMLSelectElement>('#sex', form);
  for (const [value, text] of Object.entries(sexLabels))
    sex.append(el('option', { text, attrs: { value } }));

  const questions = must<HTMLElement>('#questions', form);
  // One toggle per question; the complaint's key questions are moved (not copied) to the top.
  const toggles = new Map<AnswerName, { row: HTMLElement; home: HTMLElement }>();
  const keyLegend = el('legend', { text: 'Key questions' });
  const keyGroup = el(
    'fieldset',
    { className: 'question-group key-questions', testId: 'key-questions' },
    keyLegend,
  );
  questions.append(keyGroup);
  for (const group of questionGroups) {
    const fieldset = el(
      'fieldset',
      { className: 'question-group' },
      el('legend', { text: group.title }),
    );
    for (const q of group.questions) {
      const row = answerToggle(PREFIX, q);
      toggles.set(q, { row, home: fieldset });
      fieldset.append(row);
    }
    questions.append(fieldset);
  }
  const showKeyQuestions = () => {
    const chosen = complaint.value as Complaint;
    keyLegend.textContent = chosen
      ? `Key questions: ${complaintLabels[chosen] ?? chosen}`
      : 'Key questions (choose the complaint for its own)';
    for (const { row, home } of toggles.values())
      if (row.parentElement === keyGroup) home.append(row);
    for (const name of keyQuestionsFor(chosen)) {
      const toggle = toggles.get(name);
      if (toggle) keyGroup.append(toggle.row);
    }
    for (const fieldset of questions.querySelectorAll<HTMLFieldSetElement>(
      'fieldset.question-group',
    ))
      fieldset.hidden = fieldset !== keyGroup && fieldset.querySelector('.toggle-row') === null;
  };
  complaint.addEventListener('change', showKeyQuestions);
  showKeyQuestions();
  must<HTMLElement>('#intake-vitals', form).append(vitalsFieldset('intake-vital'));

  const input = (id: string) => must<HTMLInputElement>(`#${id}`, form);
  const text = (id: string) =>
    must<HTMLInputElement | HTMLTextAreaElement>(`#${id}`, form).value.trim();
  const submit = must<HTMLButtonElement>('button[type=submit]', form);

  const readLocation = (): CallInput['location'] => {
    const lat = numberOrUndefined(input('lat'));
    const lng = numberOrUndefined(input('lng'));
    if (lat === undefined || lng === undefined || Number.isNaN(lat) || Number.isNaN(lng))
      return undefined;
    const address = text('address');
    return { lat, lng, ...(address ? { address } : {}) };
  };

  const read = (): CallInput => {
    const age = numberOrUndefined(input('age'));
    const key = text('patient-key');
    const notes = text('notes');
    const location = readLocation();
    return {
      complaint: complaint.value as Complaint,
      patient: { age: age as number, sex: sex.value as Sex, ...(key ? { key } : {}) },
      answers: readAnswers(form, PREFIX, allQuestions),
      vitals: readVitals(form, 'intake-vital'),
      ...(notes ? { notes } : {}),
      ...(location ? { location } : {}),
    };
  };

  const checks = createIntakeChecks(form, 'intake-vital', read);
  const changeListeners: Array<() => void> = [];
  const changed = () => changeListeners.forEach((listener) => listener());
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  return {
    read,
    check: (call) => checks.checkAll(call),
    showServerIssues: (issues) => checks.showServerIssues(issues),
    setLocation(lat, lng) {
      input('lat').value = lat.toFixed(5);
      input('lng').value = lng.toFixed(5);
      changed();
    },
    focusQuestion: (name) => focusAnswer(form, PREFIX, name),
    reset(options = {}) {
      form.reset();
      checks.clear();
      resetAnswers(form, PREFIX);
      showKeyQuestions();
      changed();
      if (options.focus !== false) complaint.focus();
    },
    onChange: (listener) => changeListeners.push(listener),
    onSubmit(listener) {
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        listener(read());
      });
    },
    setBusy(busy) {
      submit.disabled = busy;
      submit.textContent = busy ? 'Creating…' : 'Create call';
    },
  };
}
