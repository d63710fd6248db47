import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isStatementTimeout } from './database-errors.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('telling a lost database from a bug', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    [
      'pg_terminate_backend',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a dropped database', pgError('3D000', 'database "x" does not exist')],
    ['a connection exception', pgError('08006')],
    ['a closed connection', new Error('Connection terminated unexpectedly')],
    [
      'a database refusing connections',
      pgError('55000', 'database "x" is not currently accepting connections'),
    ],
    [
      'the pool timing out',
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
        name: 'KnexTimeoutError',
      }),
    ],
    [
      'both addresses refusing',
      new AggregateError([
        Object.assign(new Error(), { code: 'ECONNREFUSED' }),
        Object.assign(new Error(), { code: 'ECONNREFUSED' }),
      ]),
    ],
  ])('%s is the database being unavailable', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error', pgError('42601')],
    ['another 55000', pgError('55000', 'cannot refresh materialized view concurrently')],
    ['a plain error', new Error('boom')],
    ['not an error', 'Connection terminated'],
  ])('%s is not', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('recognises a statement timeout, and only that cancellation', () => {
    expect(
      isStatementTimeout(pgError('57014', 'canceling statement due to statement timeout')),
    ).toBe(true);
    expect(isStatementTimeout(pgError('57014', 'canceling statement due to user request'))).toBe(
      false,
    );
  });
});
