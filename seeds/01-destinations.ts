import type { Knex } from 'knex';
import { destinationIds } from './ids.js';

// Demo directory for London, Ontario. Sites and hours are illustrative: the
// EDs and crisis centre sit where London's are; the CP@clinic sites stand for
// community paramedic clinics held in social-housing buildings.
const destinations = [
  {
    id: destinationIds.victoriaEd,
    name: 'Victoria Hospital Emergency Department',
    type: 'emergency_department',
    address: '800 Commissioners Rd E, London, ON',
    lat: 42.9606,
    lng: -81.2259,
    min_age: 0,
    max_age: null,
  },
  {
    id: destinationIds.universityEd,
    name: 'University Hospital Emergency Department',
    type: 'emergency_department',
    address: '339 Windermere Rd, London, ON',
    lat: 43.0129,
    lng: -81.2749,
    min_age: 16,
    max_age: null,
  },
  {
    id: destinationIds.crisisCentre,
    name: 'Thames Valley Crisis Centre',
    type: 'crisis_centre',
    address: '648 Huron St, London, ON',
    lat: 43.0083,
    lng: -81.2299,
    min_age: 16,
    max_age: null,
  },
  {
    id: destinationIds.clinicHuronHeights,
    name: 'CP@clinic Huron Heights',
    type: 'cp_clinic',
    address: '1271 Huron St, London, ON',
    building: 'Huron Heights community housing, common room',
    lat: 43.0214,
    lng: -81.2105,
    min_age: 16,
    max_age: null,
  },
  {
    id: destinationIds.clinicLimberlost,
    name: 'CP@clinic Limberlost',
    type: 'cp_clinic',
    address: '1 Limberlost Rd, London, ON',
    building: 'Limberlost Place seniors housing, ground floor',
    lat: 43.0302,
    lng: -81.2855,
    min_age: 16,
    max_age: null,
  },
  {
    id: destinationIds.clinicSouthdale,
    name: 'CP@clinic Southdale',
    type: 'cp_clinic',
    address: '85 Southdale Rd W, London, ON',
    building: 'Southdale Towers community housing, room 101',
    lat: 42.9381,
    lng: -81.2468,
    min_age: 16,
    max_age: null,
  },
];

const everyDay = [0, 1, 2, 3, 4, 5, 6];
const allDay = (weekday: number) => ({ weekday, opens_at: '00:00', closes_at: '24:00' });
const session = (weekday: number, opens_at: string, closes_at: string) => ({
  weekday,
  opens_at,
  closes_at,
});

// weekday: 0 = Sunday. CP@clinic runs weekly drop-in sessions.
const hours: Record<string, Array<{ weekday: number; opens_at: string; closes_at: string }>> = {
  [destinationIds.victoriaEd]: everyDay.map(allDay),
  [destinationIds.universityEd]: everyDay.map(allDay),
  [destinationIds.crisisCentre]: everyDay.map(allDay),
  [destinationIds.clinicHuronHeights]: [
    session(1, '09:00', '13:00'),
    session(3, '09:00', '13:00'),
    session(5, '13:00', '17:00'),
  ],
  [destinationIds.clinicLimberlost]: [
    session(2, '09:00', '15:00'),
    session(4, '09:00', '15:00'),
    session(6, '10:00', '14:00'),
  ],
  [destinationIds.clinicSouthdale]: [
    session(1, '16:00', '20:00'),
    session(3, '16:00', '20:00'),
    session(5, '18:00', '22:00'),
    session(0, '12:00', '16:00'),
  ],
};

export async function seedDestinations(trx: Knex.Transaction): Promise<void> {
  await trx('destinations').insert(destinations).onConflict('id').ignore();
  const rows = Object.entries(hours).flatMap(([destination_id, spans]) =>
    spans.map((span) => ({ destination_id, ...span })),
  );
  await trx('destination_hours')
    .insert(rows)
    .onConflict(['destination_id', 'weekday', 'opens_at'])
    .ignore();
}
