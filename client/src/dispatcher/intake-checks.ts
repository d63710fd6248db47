// The intake form's own checks, with the server's schema: the bounds and the words
// ("Heart rate must be between 0 and 300 /min") come from shared/call-schema.ts, so the
// browser and the server cannot disagree. Each message sits beside its field.
import { CallWithLocationSchema, vitalBounds } from '../../../shared/call-schema.js';
import type { CallInput } from '../shared/contract.js';
import { must } from '../shared/dom.js';
import {
  clearErrors,
  showFieldIssue,
  showIssues,
  withErrorSlot,
  type FieldIssue,
} from '../shared/form-errors.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Each control's id, and the path the schema (and the server's 400s) name it by. */
const fields: Record<string, string> = {
  complaint: 'complaint',
  age: 'patient.age',
  sex: 'patient.sex',
  'patient-key': 'patient.key',
  notes: 'notes',
  address: 'location.address',
  lat: 'location.lat',
  lng: 'location.lng',
};

export interface IntakeChecks {
  /** Every problem beside its field, the first one focused; true when the call may be sent. */
  checkAll(call: CallInput): boolean;
  /** The server's 400: its issues beside their fields; returns those no field takes. */
  showServerIssues(issues: FieldIssue[]): string[];
  clear(): void;
}

export function createIntakeChecks(
  form: HTMLFormElement,
  vitalPrefix: string,
  read: () => CallInput,
): IntakeChecks {
  const controls: Array<[Control, string]> = Object.entries(fields).map(([id, path]) => [
    must<Control>(`#${id}`, form),
    path,
  ]);
  for (const name of Object.keys(vitalBounds))
    controls.push([must<HTMLInputElement>(`#${vitalPrefix}-${name}`, form), `vitals.${name}`]);
  for (const [control, path] of controls) control.after(withErrorSlot(control, path));
  // "Set the location" belongs to the location as a whole: under its latitude and longitude.
  const location = must<HTMLElement>('fieldset.location', form);
  location.append(withErrorSlot(must<HTMLInputElement>('#lat', form), 'location'));

  const issuesOf = (call: CallInput): FieldIssue[] => {
    const result = CallWithLocationSchema.safeParse(call);
    if (result.success) return [];
    return result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || 'call',
      message: issue.message,
    }));
  };

  // As the call-taker leaves a field they typed into: that field's message, or none.
  form.addEventListener('change', (event) => {
    const control = event.target as Control;
    const path = control.dataset?.field;
    if (!path || control.type === 'radio') return;
    const issue = issuesOf(read()).find((i) => i.path === path);
    showFieldIssue(form, path, control.value.trim() === '' ? undefined : issue?.message);
  });

  return {
    checkAll(call) {
      const issues = issuesOf(call);
      showIssues(form, issues);
      return issues.length === 0;
    },
    showServerIssues: (issues) => showIssues(form, issues),
    clear: () => clearErrors(form),
  };
}
