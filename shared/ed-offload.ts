/**
 * Published ambulance offload times at Ontario emergency departments: what a receiving
 * site's handover (arrival to taking over care) is compared with. Ontario Health's monthly
 * hospital figures, obtained by The Trillium through a freedom-of-information request: the
 * provincial average was 24 minutes in July 2023 (20 in January 2020), and at London Health
 * Sciences Centre's University Hospital the average rose from 27 minutes to almost an hour
 * and a half. The Ontario auditor general's report of the same week names 30 minutes as
 * best practice (there is no provincial target).
 */
export const edOffloadBenchmark = {
  ontarioAverageMin: 24,
  londonUniversityHospitalMin: 90,
  bestPracticeMin: 30,
  asOf: '2023-07',
  source:
    'Ontario Health hospital offload data (FOI), reported by The Trillium: “Ontario ambulance offload delays worse than before pandemic”, December 2023',
  url: 'https://stratfordtoday.ca/local-news/ontario-ambulance-offload-delays-worse-than-before-pandemic-7945007',
} as const;

export type EdOffloadBenchmark = typeof edOffloadBenchmark;
