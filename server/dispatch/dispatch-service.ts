import { findPossibleDuplicates } from '../calls/duplicate-calls.js';
import { currentOffer, getCallDetail, listCalls } from './call-queries.js';
import { changeAssignmentStatus } from './change-assignment-status.js';
import { createCall } from './create-call.js';
import { dispatchCall } from './dispatch-call.js';
import type { DispatchDeps } from './dispatch-deps.js';
import { cancelCall, handOffCall } from './end-call.js';
import { expireStaleOffers } from './expire-offers.js';
import { recordAssessment } from './record-assessment.js';

/** `fn` with its first argument, what it is built from, already given. */
const given =
  <D, A extends unknown[], R>(fn: (deps: D, ...args: A) => R, deps: D) =>
  (...args: A): R =>
    fn(deps, ...args);

/**
 * The dispatch commands and queries, built once in server/wiring/services.ts. Each
 * command declares the parts it uses as a Pick of DispatchDeps, so the compiler
 * refuses one that reaches for more (the object handed in is the whole deps); the
 * routers and the offer-timeout job take this service, or a Pick of it, never the parts.
 */
export function dispatchServiceFactory(deps: DispatchDeps) {
  const { db } = deps;
  return {
    possibleDuplicates: given(findPossibleDuplicates, db.query),
    createCall: given(createCall, deps),
    listCalls: given(listCalls, db),
    callDetail: given(getCallDetail, db),
    currentOffer: given(currentOffer, db),
    recordAssessment: given(recordAssessment, deps),
    dispatchCall: given(dispatchCall, deps),
    handOffCall: given(handOffCall, deps),
    cancelCall: given(cancelCall, deps),
    changeAssignmentStatus: given(changeAssignmentStatus, deps),
    expireStaleOffers: given(expireStaleOffers, deps),
  };
}

export type DispatchService = ReturnType<typeof dispatchServiceFactory>;
