// Words an admin reads. Records over the contract's types: a new role or skill
// on the server does not compile here until it has a label.
import type { Role } from '../shared/contract.js';
import { skillLabels } from '../shared/labels.js';

export const roleLabels: Record<Role, string> = {
  dispatcher: 'Dispatcher',
  paramedic: 'Community paramedic',
  lead: 'Service lead',
  admin: 'Admin',
  partner: 'Receiving-site staff (partner)',
};
export { roles } from '../../../shared/roles.js';

export { skillLabels };
export { unitSkills as skills } from '../../../shared/unit-skills.js';

export const weekdayLabels = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** What each audited action means, in words; an action not listed shows as it is stored. */
export const auditActionLabels: Record<string, string> = {
  'auth:login': 'Signed in',
  'auth:login_failed': 'Sign-in failed',
  'auth:logout': 'Signed out',
  'auth:session_revoked': 'Session ended by an admin',
  'auth:password_changed': 'Changed own password',
  'auth:password_change_failed': 'Own password change refused (wrong current password)',
  'user:created': 'User created',
  'user:updated': 'User changed',
  'user:disabled': 'User disabled',
  'user:enabled': 'User enabled',
  'user:password_reset': 'Password reset',
  'user:sessions_ended': 'User’s sessions ended',
  'unit:created': 'Unit created',
  'unit:updated': 'Unit changed',
  'destination:created': 'Destination created',
  'destination:updated': 'Destination changed',
  'destination:capacity_changed': 'Capacity changed',
  'call:created': 'Call created',
  'call:viewed': 'Call viewed',
  'call:dispatched': 'Unit offered the call',
  'call:dispatched_with_override': 'Unit offered the call, with an override',
  'call:assessed': 'On-scene assessment',
  'call:escalated': 'Escalated to the ED on scene',
  'assignment:accepted': 'Offer accepted',
  'assignment:declined': 'Offer declined',
  'assignment:expired': 'Offer expired',
  'assignment:en_route': 'En route',
  'assignment:on_scene': 'On scene',
  'assignment:transporting': 'Transporting',
  'assignment:completed': 'Completed',
  'care_plan:viewed': 'Care plan viewed',
  'rules:changed': 'Rule set changed',
  'rules:replay_requested': 'What-if replay requested',
};

/** A date-time as the admin's browser shows it. */
export const dateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '—';

/** `<input type="datetime-local">` value for an instant, in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a `datetime-local` value names, or null when blank. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
