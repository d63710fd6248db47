// The dispatcher's override: another pathway and/or unit, with a category (leads see it) and
// optional words (dispatchers and admins only), which the server records with the dispatch.
import {
  overrideCategories,
  overrideCategoryLabels,
  type OverrideCategory,
} from '../../../shared/reason-categories.js';
import type { CallView, Disposition, Unit } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { dispositionLabels, label, skillsText, unitStatusLabels } from '../shared/labels.js';

/** What the dispatcher has typed so far: it survives the panel's re-renders. */
export interface OverrideDraft {
  pathway: string;
  unitId: string;
  category: string;
  reason: string;
}

export const emptyDraft = (): OverrideDraft => ({
  pathway: '',
  unitId: '',
  category: '',
  reason: '',
});

/** The dispatch request an override sends; only what differs from the proposal. */
export interface OverrideRequest {
  unitId?: string;
  disposition?: Disposition;
  overrideCategory?: OverrideCategory;
  overrideReason?: string;
}

export function overrideForm(
  call: CallView,
  options: {
    units: Iterable<Unit>;
    draft: OverrideDraft;
    onDraft: (draft: OverrideDraft) => void;
    /** Submitted without a category: the panel says so. */
    onMissingCategory: () => void;
    onSubmit: (request: OverrideRequest) => void;
  },
): HTMLFormElement {
  const { draft } = options;
  const pathway = el('select', { id: 'override-pathway' });
  for (const [value, text] of Object.entries(dispositionLabels))
    pathway.append(
      el('option', {
        text,
        attrs: { value, selected: value === (draft.pathway || call.disposition) },
      }),
    );
  const unit = el('select', { id: 'override-unit' });
  const units = [...options.units].sort((a, b) => a.callSign.localeCompare(b.callSign));
  for (const u of units) {
    unit.append(
      el('option', {
        text: `${u.callSign} · ${label(unitStatusLabels, u.status)}${u.skills.length ? ` · ${skillsText(u.skills)}` : ''}`,
        attrs: { value: u.id, selected: u.id === (draft.unitId || call.proposedUnit?.id) },
      }),
    );
  }
  const category = el('select', { id: 'override-category', attrs: { required: true } });
  category.append(el('option', { text: 'Choose why…', attrs: { value: '' } }));
  for (const value of overrideCategories)
    category.append(
      el('option', {
        text: overrideCategoryLabels[value],
        attrs: { value, selected: value === draft.category },
      }),
    );
  const reason = el('textarea', {
    id: 'override-reason',
    attrs: { rows: 2, minlength: 3, maxlength: 500 },
  });
  reason.value = draft.reason;
  const form = el(
    'form',
    { className: 'override', testId: 'override-form' },
    el('label', { attrs: { for: 'override-pathway' }, text: 'Pathway' }),
    pathway,
    el('label', { attrs: { for: 'override-unit' }, text: 'Unit' }),
    unit,
    el('label', { attrs: { for: 'override-category' }, text: 'Why (recorded; leads see this)' }),
    category,
    el('label', {
      attrs: { for: 'override-reason' },
      text: 'Details (optional; dispatchers and admins only)',
    }),
    reason,
    el('button', {
      text: 'Dispatch with override',
      attrs: { type: 'submit' },
      testId: 'override-submit',
    }),
  );
  form.addEventListener('input', () => {
    options.onDraft({
      pathway: pathway.value,
      unitId: unit.value,
      category: category.value,
      reason: reason.value,
    });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!category.value) {
      options.onMissingCategory();
      return;
    }
    const request: OverrideRequest = { overrideCategory: category.value as OverrideCategory };
    if (reason.value.trim()) request.overrideReason = reason.value.trim();
    if (unit.value && unit.value !== call.proposedUnit?.id) request.unitId = unit.value;
    if (pathway.value !== call.disposition) request.disposition = pathway.value as Disposition;
    options.onSubmit(request);
  });
  return form;
}
