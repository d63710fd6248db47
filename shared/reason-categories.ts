// Why a dispatcher overrode a recommendation, why a crew declined an offer: a
// category from these lists, which leads and the statistics see, plus optional
// free text, which only dispatchers and admins see (it can name people). No
// imports: the browser client offers the same lists.

export const overrideCategories = [
  'clinical_judgement',
  'patient_preference',
  'care_plan',
  'site_unavailable',
  'unit_better_placed',
  'skill_needed',
  'scene_safety',
  'other',
] as const;
export type OverrideCategory = (typeof overrideCategories)[number];

export const overrideCategoryLabels: Record<OverrideCategory, string> = {
  clinical_judgement: 'Clinical judgement',
  patient_preference: 'Patient or family preference',
  care_plan: 'Care plan says otherwise',
  site_unavailable: 'Site unavailable',
  unit_better_placed: 'Another unit better placed',
  skill_needed: 'Skill needed',
  scene_safety: 'Scene safety',
  other: 'Other',
};

export const declineCategories = [
  'still_on_call',
  'vehicle_issue',
  'crew_unavailable',
  'out_of_area',
  'skill_mismatch',
  'scene_safety',
  'other',
] as const;
export type DeclineCategory = (typeof declineCategories)[number];

export const declineCategoryLabels: Record<DeclineCategory, string> = {
  still_on_call: 'Still with a patient',
  vehicle_issue: 'Vehicle issue',
  crew_unavailable: 'Crew unavailable',
  out_of_area: 'Out of area',
  skill_mismatch: 'Skill mismatch',
  scene_safety: 'Scene safety',
  other: 'Other',
};
