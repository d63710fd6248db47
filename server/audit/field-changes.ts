/** What an admin's edit changed, field by field, as the audit entry's `changes` records it. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields of `after` whose value differs from `before` (compared as JSON, so a
 * schedule or a position counts as changed only when its content does).
 */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
