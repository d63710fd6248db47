// Fixed ids shared by the seeds and the tests.
export const destinationIds = {
  victoriaEd: '0d000000-0000-4000-8000-000000000001',
  universityEd: '0d000000-0000-4000-8000-000000000002',
  crisisCentre: '0d000000-0000-4000-8000-000000000003',
  clinicHuronHeights: '0d000000-0000-4000-8000-000000000004',
  clinicLimberlost: '0d000000-0000-4000-8000-000000000005',
  clinicSouthdale: '0d000000-0000-4000-8000-000000000006',
} as const;

export const unitIds = {
  cp11: '0a000000-0000-4000-8000-000000000011',
  cp12: '0a000000-0000-4000-8000-000000000012',
  cp13: '0a000000-0000-4000-8000-000000000013',
  cp14: '0a000000-0000-4000-8000-000000000014',
  cp15: '0a000000-0000-4000-8000-000000000015',
  cp16: '0a000000-0000-4000-8000-000000000016',
} as const;

export const userIds = {
  dispatcher: '0c000000-0000-4000-8000-000000000001',
  paramedic1: '0c000000-0000-4000-8000-000000000002',
  paramedic2: '0c000000-0000-4000-8000-000000000003',
  lead: '0c000000-0000-4000-8000-000000000004',
  admin: '0c000000-0000-4000-8000-000000000005',
  crisis: '0c000000-0000-4000-8000-000000000006',
  clinic1: '0c000000-0000-4000-8000-000000000007',
} as const;

export const demoAccounts = [
  {
    id: userIds.dispatcher,
    email: 'dispatcher@altpath.local',
    role: 'dispatcher',
    unitId: null,
    destinationId: null,
  },
  {
    id: userIds.paramedic1,
    email: 'paramedic1@altpath.local',
    role: 'paramedic',
    unitId: unitIds.cp11,
    destinationId: null,
  },
  {
    id: userIds.paramedic2,
    email: 'paramedic2@altpath.local',
    role: 'paramedic',
    unitId: unitIds.cp12,
    destinationId: null,
  },
  {
    id: userIds.lead,
    email: 'lead@altpath.local',
    role: 'lead',
    unitId: null,
    destinationId: null,
  },
  {
    id: userIds.admin,
    email: 'admin@altpath.local',
    role: 'admin',
    unitId: null,
    destinationId: null,
  },
  // Receiving partners: staff bound to their site, as a paramedic is to a unit.
  {
    id: userIds.crisis,
    email: 'crisis@altpath.local',
    role: 'partner',
    unitId: null,
    destinationId: destinationIds.crisisCentre,
  },
  {
    id: userIds.clinic1,
    email: 'clinic1@altpath.local',
    role: 'partner',
    unitId: null,
    destinationId: destinationIds.clinicHuronHeights,
  },
] as const;
