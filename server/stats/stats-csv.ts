import { roundCoordinate } from '../privacy/round-position.js';
import type { PatientRef } from './deidentify-row.js';
import type { ExportRow } from './stats-repository.js';

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet: neutralise it.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (fields: Array<string | number | boolean | null | undefined>) =>
  `${fields.map(csvField).join(',')}\r\n`;

export const exportHeader = [
  'attendance_id',
  'call_id',
  'received_at',
  'complaint',
  'patient_age',
  'patient_sex',
  'patient_ref',
  'lat',
  'lng',
  'recommended_pathway',
  'served_pathway',
  'unit',
  'overridden',
  'override_category',
  'override_reason',
  'escalated',
  'outcome',
  'diverted',
  'processing_sec',
  'dispatched_at',
  'on_scene_at',
  'completed_at',
  'recontact_72h',
];

const iso = (d: Date | null) => d?.toISOString() ?? null;
const HOURS_72 = 72 * 3_600_000;

/** `withFreeText`: admins get the dispatcher's own words; leads an empty column. */
export function exportLine(row: ExportRow, patientRef: PatientRef, withFreeText = false): string {
  const diverted = row.outcome !== 'transported_ed';
  const processing = row.first_dispatched_at
    ? Math.round((row.first_dispatched_at.getTime() - row.received_at.getTime()) / 1000)
    : null;
  const recontacted =
    diverted &&
    row.recontact_at !== null &&
    row.recontact_at.getTime() - row.completed_at.getTime() <= HOURS_72;
  return csvLine([
    row.attendance_id,
    row.call_id,
    iso(row.received_at),
    row.complaint,
    row.patient_age,
    row.patient_sex,
    patientRef(row.patient_key),
    row.lat === null ? null : roundCoordinate(row.lat),
    row.lng === null ? null : roundCoordinate(row.lng),
    row.recommended_disposition,
    row.served_disposition,
    row.call_sign,
    row.overridden,
    row.override_category ?? (row.override_reason ? 'other' : null),
    withFreeText ? row.override_reason : null,
    row.escalated,
    row.outcome,
    diverted,
    processing,
    iso(row.offered_at),
    iso(row.on_scene_at),
    iso(row.completed_at),
    recontacted,
  ]);
}
