import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { PGlite } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { copyPgliteTemplate } from './pglite-template.js';

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
  /** Resolves once the database can take queries (PGlite starts its WASM engine first). */
  ready(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it, the embedded PGlite database is used. */
  url?: string;
  /** Where PGlite keeps its files; `null` keeps it in memory (tests). */
  dataDir?: string | null;
  acquireTimeoutMs?: number;
  /**
   * PostgreSQL cancels any one statement running longer (57014, answered 503
   * `query_timeout`): the bound on the work one request can ask for. Unset: no
   * bound (command-line tools, migrations of a large table). PGlite runs in this
   * process and cannot be interrupted; there the bound is the requests' own limits.
   */
  statementTimeoutMs?: number;
  /** A PGlite template (`npm run build`) an empty dataDir starts from (pglite-template.ts). */
  pgliteTemplate?: string;
}

/** How long a health probe waits for the database before calling it down. */
const PING_TIMEOUT_MS = 3_000;

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
  // PGlite is created here, not inside the knex dialect, so that start-up can
  // wait for its engine before any query: otherwise a slow start (a loaded
  // machine) would count against the acquire timeout of the first query.
  const pglite = options.url
    ? undefined
    : new PGlite(pgliteDirectory(options.dataDir, options.pgliteTemplate));
  const knex = pglite
    ? knexFactory({
        client: ClientPgLite,
        dialect: 'postgres',
        connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
        acquireConnectionTimeout,
      })
    : knexFactory({
        client: 'pg',
        connection: {
          connectionString: options.url,
          // Notice a peer that vanished without a FIN (a crashed host) within minutes.
          keepAlive: true,
          ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
        },
        pool: { min: 0, max: 10 },
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
    ready: async () => {
      await pglite?.waitReady;
    },
    async ping() {
      // A lost database can make a query wait for a connection for the whole acquire
      // timeout; a health check must answer sooner than a load balancer gives up.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const answered = knex.raw('select 1').then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answered, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => knex.destroy(),
  };
}

/** PGlite's directory under DATA_DIR, or undefined for an in-memory database. */
function pgliteDirectory(
  dataDir: string | null | undefined,
  template: string | undefined,
): string | undefined {
  if (!dataDir) return undefined;
  const directory = path.resolve(dataDir, 'pglite');
  mkdirSync(directory, { recursive: true });
  if (template) copyPgliteTemplate(template, directory);
  return directory;
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
