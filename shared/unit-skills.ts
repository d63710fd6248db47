/** What a community paramedic unit can be trained and equipped for. */
export const unitSkills = [
  'mental_health',
  'substance_use',
  'falls',
  'wound_care',
  'chronic_disease',
  'palliative',
] as const;
export type UnitSkill = (typeof unitSkills)[number];
