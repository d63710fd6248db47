import type { Knex } from 'knex';
import * as foundation from './20261123_0200_foundation.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, oldest first. */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261123_0200_foundation', foundation],
];
