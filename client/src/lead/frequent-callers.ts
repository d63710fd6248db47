// Proactive care on the lead's page: frequent callers (pseudonyms, counts, no
// names or notes) and, for each, a CP home visit to book.
import { api, ApiError } from '../api.js';
import type { FrequentCallerList, FrequentCaller } from '../../../shared/proactive.js';
import type { Unit } from '../shared/contract.js';
import { el, errorText, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { complaintLabels, formatDateTime, label } from '../shared/labels.js';
import { runInBackground } from '../shared/background.js';

const whyLabels = {
  frequent_calls: '3+ calls in 90 days',
  repeat_lift_assists: 'repeat lift assists',
} as const;

/** Tomorrow at 10:00 local time, as a datetime-local value. */
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

export function createFrequentCallers(root: HTMLElement, units: () => Unit[]) {
  const load = async () => {
    const list = await api<FrequentCallerList>('GET', '/api/proactive/frequent-callers').catch(
      (err: unknown) => {
        replaceChildren(
          root,
          el('p', { className: 'error', text: `Could not load: ${errorText(err)}` }),
        );
        return null;
      },
    );
    if (!list) return;
    if (list.patients.length === 0) {
      replaceChildren(
        root,
        el('p', { className: 'muted', text: 'No frequent callers in the last 90 days.' }),
      );
      return;
    }
    replaceChildren(
      root,
      el(
        'ul',
        { className: 'frequent-callers', testId: 'frequent-callers' },
        ...list.patients.map((p) => item(p)),
      ),
    );
  };

  const item = (p: FrequentCaller): HTMLElement => {
    const id = `visit-${p.patientRef}`;
    const when = el('input', {
      id: `${id}-when`,
      attrs: { type: 'datetime-local', required: true, value: tomorrowMorning() },
    });
    const unit = el(
      'select',
      { id: `${id}-unit` },
      el('option', { text: 'Any unit', attrs: { value: '' } }),
      ...units().map((u) => el('option', { text: u.callSign, attrs: { value: u.id } })),
    );
    const form = el(
      'form',
      { className: 'book-visit', testId: `book-${p.patientRef}` },
      el('label', { text: 'Visit on', attrs: { for: when.id } }),
      when,
      el('label', { text: 'Unit', attrs: { for: unit.id } }),
      unit,
      el('button', { text: 'Book CP visit', attrs: { type: 'submit' }, className: 'small' }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      runInBackground(book(p, when.value, unit.value));
    });
    return el(
      'li',
      { testId: `frequent-${p.patientRef}`, dataset: { ref: p.patientRef } },
      el('strong', { text: `Patient ${p.patientRef.slice(0, 6)}` }),
      ` · ${p.age}, ${p.sex} · ${p.calls} calls, ${p.liftAssists} lift assists · `,
      p.why.map((w) => whyLabels[w]).join(', '),
      el('br'),
      el('span', {
        className: 'muted',
        text:
          `${p.complaints.map((c) => label(complaintLabels, c as keyof typeof complaintLabels)).join(', ')} · last ${formatDateTime(p.lastCallAt)}` +
          (p.carePlanSince ? ' · has a care plan' : ' · no care plan') +
          (p.nextVisitAt ? ` · visit planned ${formatDateTime(p.nextVisitAt)}` : ''),
        testId: `frequent-${p.patientRef}-status`,
      }),
      p.nextVisitAt ? null : form,
    );
  };

  const book = async (p: FrequentCaller, when: string, unitId: string) => {
    const plannedFor = new Date(when);
    if (!when || Number.isNaN(plannedFor.getTime())) {
      notify('Choose when the visit is planned.', 'error');
      return;
    }
    try {
      await api('POST', '/api/visits', {
        patientRef: p.patientRef,
        plannedFor: plannedFor.toISOString(),
        ...(unitId ? { unitId } : {}),
      });
      notify('Home visit booked.');
      await load();
    } catch (err) {
      notify(err instanceof ApiError ? err.message : 'Could not book the visit', 'error');
    }
  };

  return { load };
}
