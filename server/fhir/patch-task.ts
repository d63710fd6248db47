import { isDeepStrictEqual } from 'node:util';
import type { Task } from 'fhir/r4';
import jsonPatch, { type Operation } from 'fast-json-patch';
import type { RequestContext } from '../auth/request-context.js';
import { AppError, ConflictError, toFieldIssues } from '../http/errors.js';
import type { ReferralStatusChange } from '../referrals/referral-schemas.js';
import type { ReferralService } from '../referrals/referral-service.js';
import { UnprocessableError } from './fhir-errors.js';
import { PatchedTaskSchema, type JsonPatch } from './fhir-schemas.js';
import { toTask } from './task-resource.js';

/** What a patch may change; everything else in a Task is altpath's record. */
const changeable = new Set(['status', 'statusReason']);

/**
 * FHIR PATCH of a referral's Task by the receiving site: the JSON Patch applies
 * to the Task as served, the result may differ only in status and statusReason,
 * and the step itself is the board's (changeReferralStatus): the same
 * transitions, need-to-know, locking, audit and live events.
 */
export async function patchTask(
  referrals: Pick<ReferralService, 'get' | 'changeStatus'>,
  context: RequestContext,
  id: string,
  patch: JsonPatch,
): Promise<Task> {
  // The one need-to-know gate (another site's referral is 404), audited as a view.
  const current = await referrals.get(context, id);
  const before = toTask(current);
  const after = applyTo(before, patch);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !changeable.has(key) && !isDeepStrictEqual(before[key as keyof Task], after[key]),
  );
  if (changed.length)
    throw new UnprocessableError(
      'unchangeable_element',
      `Only status and statusReason can change through PATCH; this patch changes ${changed.join(', ')}`,
      changed.map((key) => ({ path: `Task.${key}`, message: 'cannot be changed through PATCH' })),
    );
  const parsed = PatchedTaskSchema.safeParse(after);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error).map((i) => ({ ...i, path: `Task.${i.path}` }));
    throw new UnprocessableError(
      'invalid_task_change',
      `The patched Task cannot be saved: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const change: ReferralStatusChange =
    parsed.data.status === 'accepted'
      ? { status: 'accepted' }
      : {
          status: 'rejected',
          reason: parsed.data.statusReason.reason,
          ...(parsed.data.statusReason.note ? { note: parsed.data.statusReason.note } : {}),
        };
  return toTask(await referrals.changeStatus(context, id, change));
}

function applyTo(task: Task, patch: JsonPatch): Record<string, unknown> {
  try {
    // Validated, on a copy, refusing __proto__ and constructor paths.
    return jsonPatch.applyPatch(task, patch as Operation[], true, false, true)
      .newDocument as unknown as Record<string, unknown>;
  } catch (err) {
    if (!(err instanceof jsonPatch.JsonPatchError)) throw err;
    const at = err.index ?? 0;
    const op = patch[at];
    if (err.name === 'TEST_OPERATION_FAILED')
      throw new ConflictError(
        'test_failed',
        `The Task is no longer as the patch expects: operation ${at} (test ${op?.path}) failed; read it again`,
      );
    throw new AppError(
      422,
      'patch_not_applicable',
      `The patch cannot be applied to this Task: operation ${at} (${op?.op} ${op?.path}) ${describe(err.name)}`,
      [{ path: `${at}.path`, message: describe(err.name) }],
    );
  }
}

function describe(name: string): string {
  if (name === 'OPERATION_PATH_UNRESOLVABLE') return 'names an element the Task does not have';
  if (name === 'OPERATION_FROM_UNRESOLVABLE')
    return 'moves or copies from an element the Task does not have';
  if (name === 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX' || name === 'OPERATION_VALUE_OUT_OF_BOUNDS')
    return 'uses an array index the Task does not have';
  if (name === 'OPERATION_PATH_CANNOT_ADD') return 'cannot add there';
  return 'is not a valid operation on this Task';
}
