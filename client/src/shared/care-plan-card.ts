// A known patient's care plan, for the dispatcher at intake and the attending
// crew. Everything in it was typed by someone, so all of it goes in as text.
// It informs: the recommendation above it is the rules', whatever the plan prefers.
import { api, ApiError } from '../api.js';
import type { CarePlanView } from './contract.js';
import { el, field, replaceChildren } from './dom.js';
import { dispositionLabels, formatTime, label } from './labels.js';

export function carePlanCard(plan: CarePlanView): HTMLElement {
  const coordinator = [plan.coordinator.name, plan.coordinator.phone, plan.coordinator.site?.name]
    .filter(Boolean)
    .join(' · ');
  return el(
    'article',
    { className: 'care-plan', testId: 'care-plan', dataset: { version: String(plan.version) } },
    el('h3', { text: `Care plan · version ${plan.version}` }),
    el(
      'p',
      { className: 'muted' },
      `Updated ${formatTime(plan.writtenAt)} by ${plan.writtenBy.email ?? plan.writtenBy.role}. `,
      'It informs you; the recommendation stands on the rules.',
    ),
    el(
      'dl',
      { className: 'facts' },
      ...field('Care coordinator', coordinator || '—', 'care-plan-coordinator'),
      ...field('What helps', plan.whatHelps || '—', 'care-plan-helps'),
      ...field('What to avoid', plan.whatToAvoid || '—', 'care-plan-avoid'),
      ...field('Safety notes', plan.safetyNotes || '—', 'care-plan-safety'),
      ...field(
        'Preferred pathway',
        plan.preferredPathway ? label(dispositionLabels, plan.preferredPathway) : '—',
        'care-plan-pathway',
      ),
      ...field(
        'CP who knows them',
        plan.knownParamedic
          ? `${plan.knownParamedic.email}${plan.knownParamedic.callSign ? ` (${plan.knownParamedic.callSign})` : ''}`
          : '—',
      ),
    ),
  );
}

/** Shows `plan` in `root`, or empties and hides it when there is none. */
export function showCarePlan(root: HTMLElement, plan: CarePlanView | null): void {
  root.hidden = plan === null;
  if (plan) replaceChildren(root, carePlanCard(plan));
  else replaceChildren(root);
}

/**
 * The patient's care plan, or null when there is none or this user may not read it.
 * `orNone`: most patients have no plan, and a 404 would be a console error every time.
 */
export async function fetchCarePlan(patientKey: string): Promise<CarePlanView | null> {
  try {
    return await api<CarePlanView | null>(
      'GET',
      `/api/care-plans/${encodeURIComponent(patientKey)}?orNone=true`,
    );
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
}
