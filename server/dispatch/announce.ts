import type { DispatchDeps } from './dispatch-deps.js';
import type { AssignmentView, CallView, Unit } from '../../shared/event-contract.js';

const offerOf = (assignment: AssignmentView, call: CallView) => ({
  assignment,
  call,
  destination: call.destination,
  disposition: assignment.disposition,
});

/** After commit: the offer to the unit, the new state to the dispatch board. */
export function announceOffer(
  ctx: Pick<DispatchDeps, 'publish'>,
  assignment: AssignmentView,
  call: CallView,
  units: Unit[],
): void {
  ctx.publish(
    { type: 'assignment:offered', offer: offerOf(assignment, call) },
    { type: 'assignment:updated', assignment },
    { type: 'call:updated', call },
    ...units.map((unit) => ({ type: 'unit:updated' as const, unit })),
  );
}

/** After commit: a lifecycle step, and the re-offer it caused, if any. */
export async function announceChange(
  ctx: Pick<DispatchDeps, 'publish'>,
  change: {
    assignment: AssignmentView;
    call: CallView;
    reoffered: AssignmentView | null;
    units: Unit[];
  },
): Promise<void> {
  ctx.publish({ type: 'assignment:updated', assignment: change.assignment });
  if (change.reoffered) {
    announceOffer(ctx, change.reoffered, change.call, change.units);
  } else {
    ctx.publish(
      { type: 'call:updated', call: change.call },
      ...change.units.map((unit) => ({ type: 'unit:updated' as const, unit })),
    );
  }
}
