import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

// COUNT(*) and other int8 results fit comfortably in a JS number for this domain.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Queryable = Knex | Knex.Transaction;
export type Dialect = 'pglite' | 'postgres';

export interface Database {
  readonly dialect: Dialect;
  /**
   * For reads and single statements outside a transaction. Using it while a
   * transaction is open in the same async context throws QueryOutsideTransactionError.
   */
  readonly query: Knex;
  /** Runs `work` in one transaction; every query inside must go through `trx`. */
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it, the embedded PGlite database is used. */
  url?: string;
  /** Where PGlite keeps its files; `null` keeps it in memory (tests). */
  dataDir?: string | null;
  acquireTimeoutMs?: number;
}

/**
 * Thrown when code inside `db.transaction()` queries through the root handle.
 * On PGlite (one connection) that query would wait for the transaction that is
 * waiting for it, until the acquire timeout; on PostgreSQL it would silently run
 * outside the transaction. Either way it is a bug, so it fails at once.
 */
export class QueryOutsideTransactionError extends Error {
  constructor() {
    super('A query inside db.transaction() used the root handle instead of trx');
  }
}

export function openDatabase(options: DatabaseOptions): Database {
  const dialect: Dialect = options.url ? 'postgres' : 'pglite';
  const acquireConnectionTimeout = options.acquireTimeoutMs ?? 10_000;
  const knex = options.url
    ? knexFactory({
        client: 'pg',
        connection: options.url,
        pool: { min: 0, max: 10 },
        acquireConnectionTimeout,
      })
    : knexFactory({
        client: ClientPgLite,
        dialect: 'postgres',
        connection: pgliteConnection(options.dataDir),
        acquireConnectionTimeout,
      });

  const openTransaction = new AsyncLocalStorage<TransactionScope>();
  guardRootHandle(knex, openTransaction);

  return {
    dialect,
    query: knex,
    transaction: (work) =>
      knex.transaction(async (trx) => {
        // Work started inside but outliving the transaction (a timer, a
        // publish) keeps this scope; closing it stops false alarms there.
        const scope = { open: true };
        try {
          return await openTransaction.run(scope, () => work(trx));
        } finally {
          scope.open = false;
        }
      }),
    async ping() {
      try {
        await knex.raw('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => knex.destroy(),
  };
}

function pgliteConnection(dataDir: string | null | undefined): Knex.StaticConnectionConfig {
  if (!dataDir) return {} as Knex.StaticConnectionConfig;
  const filename = path.resolve(dataDir, 'pglite');
  mkdirSync(filename, { recursive: true });
  return { filename } as unknown as Knex.StaticConnectionConfig;
}

interface TransactionScope {
  open: boolean;
}

function guardRootHandle(knex: Knex, openTransaction: AsyncLocalStorage<TransactionScope>): void {
  // Transactions build their own client (not inheriting from this instance), so
  // only queries through the root handle pass through here.
  const client = knex.client as { acquireConnection: () => Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = () => {
    if (openTransaction.getStore()?.open) {
      return Promise.reject(new QueryOutsideTransactionError());
    }
    return acquire();
  };
}
