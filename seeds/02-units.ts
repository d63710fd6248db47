import type { Knex } from 'knex';
import { unitIds } from './ids.js';

// Six community paramedic units with home bases spread over the city; three
// carry the mental_health skill needed for crisis-centre calls.
const units = [
  {
    id: unitIds.cp11,
    call_sign: 'CP-11',
    skills: ['mental_health', 'wound_care'],
    home_base: 'Downtown station, York St',
    home_lat: 42.9816,
    home_lng: -81.2468,
  },
  {
    id: unitIds.cp12,
    call_sign: 'CP-12',
    skills: ['falls', 'chronic_disease'],
    home_base: 'Masonville station',
    home_lat: 43.0268,
    home_lng: -81.2784,
  },
  {
    id: unitIds.cp13,
    call_sign: 'CP-13',
    skills: ['mental_health', 'substance_use'],
    home_base: 'East London station, Dundas St',
    home_lat: 42.9912,
    home_lng: -81.1849,
  },
  {
    id: unitIds.cp14,
    call_sign: 'CP-14',
    skills: ['falls', 'palliative'],
    home_base: 'White Oaks station',
    home_lat: 42.9394,
    home_lng: -81.229,
  },
  {
    id: unitIds.cp15,
    call_sign: 'CP-15',
    skills: ['mental_health', 'palliative'],
    home_base: 'Byron station',
    home_lat: 42.9641,
    home_lng: -81.3306,
  },
  {
    id: unitIds.cp16,
    call_sign: 'CP-16',
    skills: ['chronic_disease', 'wound_care'],
    home_base: 'Argyle station',
    home_lat: 43.0137,
    home_lng: -81.199,
  },
];

export async function seedUnits(trx: Knex.Transaction): Promise<void> {
  await trx('units')
    .insert(
      units.map((unit) => ({
        ...unit,
        status: 'available',
        // An open-ended shift: on shift until a supervisor ends it.
        shift_starts_at: '2026-01-01T00:00:00Z',
        shift_ends_at: null,
        last_lat: unit.home_lat,
        last_lng: unit.home_lng,
        last_position_at: trx.fn.now(),
      })),
    )
    .onConflict('id')
    .ignore();
}
