/**
 * Hand-written calls with the decision the clinical specification expects (issue 3 for what
 * v1 already did, issue 9 for v2), each naming its class and its published source.
 */
import { v1Vignettes } from './vignettes-v1.js';
import { v2Vignettes } from './vignettes-v2.js';

export type { Outcome, Vignette } from './vignette-kit.js';
export const vignettes = [...v1Vignettes, ...v2Vignettes];
