import { describe, expect, it } from 'vitest';
import { commaSeparated } from './query-lists.js';

const statuses = commaSeparated(['pending', 'offered', 'active'] as const, 'among the statuses');

describe('commaSeparated', () => {
  it('reads a comma-separated list, dropping spaces and blanks', () => {
    expect(statuses.parse('pending, active,,')).toEqual(['pending', 'active']);
    expect(statuses.parse('')).toEqual([]);
  });

  it('refuses a value outside the set, saying what the parameter may hold', () => {
    const result = statuses.safeParse('pending,closed');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[1], 'must be among the statuses: pending, offered, active'],
    ]);
  });
});
