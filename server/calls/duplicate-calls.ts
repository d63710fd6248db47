import type { Queryable } from '../db/database.js';
import { distanceKm } from '../geo/distance.js';
import type { Call, CallStatus } from '../../shared/event-contract.js';
import type { PossibleDuplicate } from '../../shared/view-schemas.js';
import { openCallStatuses } from '../../shared/call-lifecycle.js';

type Complaint = Call['complaint'];

/** How near, and how recent, a call must be to another to be asked about. */
export const DUPLICATE_RADIUS_M = 100;
export const DUPLICATE_WINDOW_MIN = 30;

interface Row {
  id: string;
  received_at: Date;
  status: CallStatus;
  complaint: Complaint;
  address: string | null;
  lat: number;
  lng: number;
  patient_key: string | null;
}

/**
 * Calls a new one may repeat (a second caller, a call-back): the same patient key, or within
 * 100 m, received in the last 30 minutes; and any call of the same patient still open. A
 * bounding box narrows the rows in SQL; the exact distance is checked here.
 */
export async function findPossibleDuplicates(
  q: Queryable,
  call: { lat: number; lng: number; patientKey: string | null | undefined },
): Promise<PossibleDuplicate[]> {
  const dLat = DUPLICATE_RADIUS_M / 111_000 + 1e-6;
  const dLng = dLat / Math.max(0.01, Math.cos((call.lat * Math.PI) / 180));
  const key = call.patientKey ?? null;
  const { rows } = await q.raw<{ rows: Row[] }>(
    `select id, received_at, status, complaint, address, lat, lng, patient_key
     from calls
     where (received_at > now() - make_interval(mins => ?)
            and ((lat between ? and ? and lng between ? and ?) or patient_key = ?))
        or (patient_key = ? and status in (${openCallStatuses.map(() => '?').join(', ')}))
     order by received_at desc
     limit 20`,
    [
      DUPLICATE_WINDOW_MIN,
      call.lat - dLat,
      call.lat + dLat,
      call.lng - dLng,
      call.lng + dLng,
      key,
      key,
      ...openCallStatuses,
    ],
  );
  return rows
    .map((row) => ({
      row,
      metres: Math.round(distanceKm(call, row) * 1000),
      samePatient: !!call.patientKey && row.patient_key === call.patientKey,
    }))
    .filter(({ metres, samePatient }) => samePatient || metres <= DUPLICATE_RADIUS_M)
    .map(({ row, metres, samePatient }) => ({
      id: row.id,
      receivedAt: row.received_at.toISOString(),
      status: row.status,
      complaint: row.complaint,
      address: row.address,
      distanceM: metres,
      samePatient,
    }));
}

/** For each call, how many calls of the same patient came in the 30 days before it. */
export async function repeatCallCounts(
  q: Queryable,
  callIds: string[],
): Promise<Map<string, number>> {
  if (callIds.length === 0) return new Map();
  const { rows } = await q.raw<{ rows: Array<{ id: string; n: number }> }>(
    `select c.id, count(p.id)::int as n
     from calls c
     join calls p on p.patient_key = c.patient_key and p.id <> c.id
       and p.received_at <= c.received_at and p.received_at > c.received_at - interval '30 days'
     where c.id = any(?::uuid[]) and c.patient_key is not null
     group by c.id`,
    [callIds],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
