// The map's legend, drawn from the same labels and CSS classes as the markers themselves,
// so the dispatcher's and the lead's maps explain every colour and shape they show.
import type { Disposition } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { destinationTypeLabels, dispositionLabels } from '../shared/labels.js';

const pathways = Object.keys(dispositionLabels) as Disposition[];

export function renderLegend(root: HTMLElement): void {
  const swatch = (className: string, text = '') =>
    el('span', { className, text, attrs: { 'aria-hidden': 'true' } });
  const item = (legend: string, ...children: Array<Node | string>) =>
    el('li', { dataset: { legend } }, ...children);
  const types = Object.values(destinationTypeLabels)
    .map((type) => `${type.short} ${type.label}`)
    .join(', ');
  replaceChildren(
    root,
    item(
      'call-pathways',
      'Calls, by pathway:',
      ...pathways.flatMap((pathway) => [
        swatch(`call-pin disp-${pathway}`),
        el('span', { text: dispositionLabels[pathway], dataset: { pathway } }),
      ]),
    ),
    item(
      'call-states',
      swatch('call-pin disp-home_visit call-pending'),
      'not yet offered',
      swatch('call-pin disp-emergency_department escalated', '!'),
      'escalated on scene',
    ),
    item(
      'units',
      'Units:',
      swatch('unit-badge unit-available', 'CP'),
      'available',
      swatch('unit-badge unit-offered', 'CP'),
      'offered a call',
      swatch('unit-badge unit-assigned', 'CP'),
      'on a call',
      swatch('unit-badge unit-off_shift', 'CP'),
      'off shift or out of service',
    ),
    item(
      'sites',
      `Sites (${types}), border by capacity:`,
      swatch('destination-badge capacity-green', 'ED'),
      'taking patients',
      swatch('destination-badge capacity-amber', 'CC'),
      'limited',
      swatch('destination-badge capacity-red', 'CL'),
      'full (not matched)',
    ),
  );
}
