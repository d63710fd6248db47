// Marker icons and popups. Icons are divIcons styled by CSS classes (no image
// URLs to resolve); popups are DOM nodes built with textContent, never HTML strings.
import * as L from 'leaflet';
import type { CallView, Destination, Unit } from '../shared/contract.js';
import { el, field } from '../shared/dom.js';
import {
  assignmentStatusLabels,
  callStatusLabels,
  capacityLabels,
  complaintLabels,
  destinationTypeLabels,
  dispositionLabels,
  label,
  sexLabels,
  unitStatusLabels,
  formatTime,
  skillsText,
} from '../shared/labels.js';
import type { Sex } from '../shared/contract.js';

export function unitIcon(unit: Unit): L.DivIcon {
  const badge = el('span', {
    className: `unit-badge unit-${unit.status}`,
    text: unit.callSign,
    testId: `unit-marker-${unit.callSign}`,
    dataset: { status: unit.status },
    attrs: { title: `${unit.callSign}: ${label(unitStatusLabels, unit.status)}` },
  });
  // The badge hangs just below its position, and a call pin stands just above its own (tip
  // on the spot): a unit on scene sits under its call's pin without covering it.
  return L.divIcon({
    html: badge,
    className: 'map-icon',
    iconSize: [48, 22],
    iconAnchor: [24, -3],
  });
}

export function destinationIcon(destination: Destination): L.DivIcon {
  const type = destinationTypeLabels[destination.type];
  const badge = el('span', {
    className: `destination-badge dest-${destination.type} capacity-${destination.capacity}`,
    text: type?.short ?? '?',
    testId: `destination-marker-${destination.id}`,
    dataset: { capacity: destination.capacity },
    attrs: { title: `${destination.name} (${label(capacityLabels, destination.capacity)})` },
  });
  return L.divIcon({
    html: badge,
    className: 'map-icon',
    iconSize: [30, 30],
    iconAnchor: [15, 15],
  });
}

export function callIcon(call: CallView): L.DivIcon {
  const pin = el('span', {
    className: `call-pin disp-${call.disposition} call-${call.status}${call.escalated ? ' escalated' : ''}`,
    text: call.escalated ? '!' : '',
    testId: `call-marker-${call.id}`,
    dataset: { status: call.status, assignment: call.assignment?.status ?? 'none' },
    attrs: {
      title: `${label(complaintLabels, call.complaint)} call, ${label(callStatusLabels, call.status)}`,
    },
  });
  // The pin's point (its bottom-left corner) is on the call's location.
  return L.divIcon({ html: pin, className: 'map-icon', iconSize: [22, 22], iconAnchor: [1, 23] });
}

export function unitPopup(unit: Unit): HTMLElement {
  return el(
    'div',
    { className: 'popup' },
    el('strong', { text: unit.callSign }),
    el(
      'dl',
      {},
      ...field('Status', label(unitStatusLabels, unit.status)),
      ...field('Skills', skillsText(unit.skills)),
      ...field('Home base', unit.homeBase.name),
      ...field('Last position', unit.position?.at ? formatTime(unit.position.at) : 'home base'),
    ),
  );
}

export function destinationPopup(destination: Destination): HTMLElement {
  return el(
    'div',
    { className: 'popup' },
    el('strong', { text: destination.name }),
    el(
      'dl',
      {},
      ...field('Type', destinationTypeLabels[destination.type]?.label ?? destination.type),
      ...field('Capacity', label(capacityLabels, destination.capacity)),
      ...field('Address', destination.address),
      ...field(
        'Ages',
        `${destination.ageRange.min}${destination.ageRange.max === null ? '+' : `–${destination.ageRange.max}`}`,
      ),
    ),
  );
}

export function callPopup(call: CallView): HTMLElement {
  return el(
    'div',
    { className: 'popup', testId: `call-popup-${call.id}` },
    el('strong', {
      text: `${label(complaintLabels, call.complaint)}${call.escalated ? ' — ESCALATED' : ''}`,
    }),
    el(
      'dl',
      {},
      ...field('Patient', `${call.patient.age}, ${label(sexLabels, call.patient.sex as Sex)}`),
      ...field('Status', label(callStatusLabels, call.status)),
      ...field('Pathway', label(dispositionLabels, call.disposition)),
      ...field(
        'Unit',
        call.assignment
          ? `${call.assignment.callSign} (${label(assignmentStatusLabels, call.assignment.status)})`
          : (call.proposedUnit?.callSign ?? '—'),
      ),
      ...field(
        'Address',
        call.location.address ?? `${call.location.lat.toFixed(4)}, ${call.location.lng.toFixed(4)}`,
      ),
      ...field('Notes', call.notes ?? '—', 'popup-notes'),
    ),
  );
}
