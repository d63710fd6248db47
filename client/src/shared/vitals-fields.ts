import type { Vitals } from './contract.js';
import { el, numberOrUndefined } from './dom.js';
import { vitalFields } from './labels.js';

/** Optional vital sign inputs; blank means not measured. */
export function vitalsFieldset(prefix: string): HTMLElement {
  return el(
    'div',
    { className: 'vitals-grid' },
    ...vitalFields.map((vital) =>
      el(
        'label',
        {},
        vital.label,
        el('input', {
          id: `${prefix}-${vital.name}`,
          attrs: {
            type: 'number',
            name: `${prefix}-${vital.name}`,
            step: vital.step,
            inputmode: 'decimal',
          },
        }),
      ),
    ),
  );
}

export function readVitals(root: ParentNode, prefix: string): Vitals {
  const vitals: Vitals = {};
  for (const vital of vitalFields) {
    const input = root.querySelector<HTMLInputElement>(`#${prefix}-${vital.name}`);
    const value = input ? numberOrUndefined(input) : undefined;
    if (value !== undefined) vitals[vital.name] = value;
  }
  return vitals;
}
