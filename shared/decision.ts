import { z } from 'zod';
import {
  acuities,
  answerNames,
  dispositions,
  type Acuity,
  type AnswerName,
  type Disposition,
} from './call-schema.js';
import type { Out } from './wire-parts.js';

/** One NEWS2 parameter's contribution; absent when that vital was not measured. */
export interface News2Parts {
  respiratoryRate?: number;
  spo2?: number;
  /** The "air or oxygen?" item: 2 on supplemental oxygen, 0 on air. */
  oxygen?: number;
  systolicBP?: number;
  heartRate?: number;
  gcs?: number;
  temperature?: number;
}

export interface News2 {
  /** Aggregate over the vitals present (0 when none were measured). */
  score: number;
  parts: News2Parts;
}

export interface Reason {
  /** The id of the rule that shaped the decision. */
  rule: string;
  /** A sentence a dispatcher can read aloud. */
  message: string;
}

/** Something to confirm on scene before the patient is taken to the destination. */
export interface Check {
  id: string;
  message: string;
}

/** The triage decision, as the contract defines it, plus the NEWS2 breakdown. */
export interface Decision {
  disposition: Disposition;
  acuity: Acuity;
  reasons: Reason[];
  missing: AnswerName[];
  /** Empty when there is nothing to confirm on scene. */
  checks: Check[];
  ruleSetVersion: string;
  news2: News2;
}

/** The decision as the API answers it (POST /api/triage, and inside every call view). */
export const DecisionSchema = z
  .object({
    disposition: z.enum(dispositions),
    acuity: z.enum(acuities),
    reasons: z.array(z.object({ rule: z.string(), message: z.string() })),
    missing: z.array(z.enum(answerNames)),
    checks: z.array(z.object({ id: z.string(), message: z.string() })),
    ruleSetVersion: z.string(),
    news2: z.object({
      score: z.number(),
      parts: z.partialRecord(
        z.enum([
          'respiratoryRate',
          'spo2',
          'oxygen',
          'systolicBP',
          'heartRate',
          'gcs',
          'temperature',
        ]),
        z.number(),
      ),
    }),
  })
  .meta({ id: 'Decision' }) satisfies Out<Decision>;
