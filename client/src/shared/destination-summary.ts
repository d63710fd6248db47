import type { DestinationChoice, Disposition } from './contract.js';
import { el } from './dom.js';
import { dispositionLabels, km } from './labels.js';

/**
 * The chosen site, its distance and why. When the pathway has changed since the
 * site was chosen (an on-scene escalation), say so rather than send a crew to a
 * site of the wrong kind.
 */
export function destinationSummary(
  destination: DestinationChoice | null,
  disposition: Disposition,
  none: string,
): Node | string {
  if (!destination) return none;
  const stale = disposition !== 'home_visit' && destination.type !== disposition;
  return el(
    'span',
    {},
    el('strong', { text: destination.name }),
    ` · ${km(destination.distanceKm)}`,
    el('br'),
    el('small', { className: 'muted', text: destination.reason }),
    stale
      ? el('span', {
          className: 'flag stale-destination',
          testId: 'stale-destination',
          text: `Chosen for an earlier pathway, not for: ${dispositionLabels[disposition]}`,
        })
      : null,
  );
}
