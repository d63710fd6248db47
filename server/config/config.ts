import { z } from 'zod';

export const DEFAULT_DEMO_PASSWORD = 'altpath-demo';
const DEV_SESSION_SECRET = 'altpath-development-secret-change-me';
/** The Undo hold of a crew step, in seconds (STEP_UNDO_S). */
export const STEP_UNDO_DEFAULT_S = 5;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a port number (0-65535)' })
      .int('must be a port number (0-65535)')
      .min(0, 'must be a port number (0-65535)')
      .max(65535, 'must be a port number (0-65535)')
      .default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    // A port of its own for Prometheus: GET /metrics there needs no session, so it listens on
    // METRICS_HOST (loopback unless set). Unset: only admins, on the main port, see /metrics.
    METRICS_PORT: z.coerce
      .number({ error: 'must be a port number (0-65535)' })
      .int('must be a port number (0-65535)')
      .min(0, 'must be a port number (0-65535)')
      .max(65535, 'must be a port number (0-65535)')
      .optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    MAP_TILE_URL: z
      .string()
      .regex(
        /^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/,
        'must be an http(s) URL template with {z}, {x} and {y}',
      )
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    MAP_TILE_ATTRIBUTION: z.string().default('&copy; OpenStreetMap contributors'),
    DEMO_PASSWORD: z
      .string()
      .min(8, 'must be at least 8 characters')
      .default(DEFAULT_DEMO_PASSWORD),
    DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    // The most one SQL statement of a request may take on PostgreSQL (0: no bound).
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(30_000),
    SERVICE_TIME_ZONE: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as America/Toronto')
      .default('America/Toronto'),
    OFFER_TIMEOUT_S: z.coerce.number().positive().max(3600).default(120),
    // How long the crew's phone holds a pressed step for an Undo (paramedic/step-guard.ts):
    // 5 s, a design choice, not a setting. Shorter only under NODE_ENV=test, so browser
    // tests do not wait 5 s for every step; one test checks the 5 s default.
    STEP_UNDO_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(STEP_UNDO_DEFAULT_S)
      .default(STEP_UNDO_DEFAULT_S),
    ROAD_SPEED_KMH: z.coerce.number().positive().max(150).default(40),
    // Saving per ED transport avoided, in the service's own currency, and where the
    // figure comes from (shown beside it on the statistics page). The demo service is in
    // Ontario: the cost of one ED visit there, CAD 276 (Niagara EMS, 2022). Only the ED
    // visit is counted: the community paramedic attends either way, so the ambulance
    // trip is not claimed as saved and the estimate does not overstate the saving.
    COST_AVOIDED_PER_DIVERSION: z.coerce.number().nonnegative().max(1_000_000).default(276),
    CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CAD')
      .default('CAD'),
    COST_SOURCE: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .default(
        'Niagara Emergency Medical Services (Ontario), report to Niagara Region’s public health ' +
          'and social services committee, July 2022: an emergency department visit, even for a ' +
          'minor ailment, costs about CAD 276 (an ambulance trip to hospital about CAD 1,006).',
      ),
    // Failed sign-ins before each further attempt waits (doubling from LOGIN_DELAY_BASE_MS):
    // per account and address, and per address across accounts (see sign-in-throttle.ts).
    LOGIN_FREE_FAILURES: z.coerce.number().int().positive().max(10_000_000).default(5),
    LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce
      .number()
      .int()
      .positive()
      .max(10_000_000)
      .default(100),
    LOGIN_DELAY_BASE_MS: z.coerce.number().int().positive().max(60_000).default(1_000),
    // API requests per minute per signed-in user (or per address when anonymous): far above
    // what a person at a console sends, and above the load benchmark's 50 calls/s.
    API_RATE_PER_MIN: z.coerce.number().int().positive().max(10_000_000).default(6000),
    // The origins of this site (comma-separated), for the CSRF and WebSocket Origin checks.
    // Unset: the origin each request was made to (its scheme and Host).
    ALLOWED_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^https?:\/\/[^/\s]+$/,
              'must be origins such as https://dispatch.example.org (scheme and host, no path), comma-separated',
            ),
        ),
      )
      .optional(),
    // Sockets one user may hold open on one process (a console tab each).
    SOCKETS_PER_USER: z.coerce.number().int().positive().max(10_000).default(20),
    // A busy process sends each socket at most one frame of pushed events per this many ms
    // (server/realtime/push-outbox.ts); 0: a frame per turn of the event loop. A quiet one
    // sends at once. 100 rather than 25: under bench:load a frame per socket is the cost, and
    // 100 ms took a quarter off the servers' CPU per call and half off the dashboards' (README).
    PUSH_COALESCE_MS: z.coerce.number().int().min(0).max(1_000).default(100),
    // How often each process re-checks that its sockets' sessions are still live.
    SESSION_WATCH_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    // Background jobs, shared by all processes through the database (server/jobs).
    REPLAY_QUEUE_MAX: z.coerce.number().int().positive().max(1_000).default(5),
    JOB_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
    // Unset: the repository's rules/ directory.
    RULES_DIR: z.string().min(1).optional(),
    // Behind a reverse proxy: which hops to believe about X-Forwarded-For, so per-address
    // rate limits and audited addresses see the client, not the proxy. Express's syntax:
    // a hop count (`1`), `loopback`, or addresses/subnets. Unset: trust no proxy.
    TRUST_PROXY: z
      .string()
      .regex(
        /^(\d+|true|[\w.:/, -]+)$/,
        'must be a hop count, true, loopback or a list of addresses',
      )
      .transform((v): boolean | number | string =>
        v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v,
      )
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'test' && env.STEP_UNDO_S !== STEP_UNDO_DEFAULT_S) {
      ctx.addIssue({
        code: 'custom',
        path: ['STEP_UNDO_S'],
        message: `can differ from ${STEP_UNDO_DEFAULT_S} only in tests (NODE_ENV=test)`,
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (!env.SESSION_SECRET || env.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'must be set to a secret of your own in production',
      });
    }
  });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the configuration reads (`.env.example` lists each; a test checks). */
export const configVariables = Object.keys(EnvSchema.shape) as Array<keyof Env>;

export interface Config extends Omit<Env, 'SESSION_SECRET'> {
  SESSION_SECRET: string;
  /** Demo accounts are seeded everywhere except production. */
  seedDemoAccounts: boolean;
}

export class ConfigError extends Error {}

/** The only reader of process.env. A bad value fails with one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const first = result.error.issues[0];
    const name = first?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid configuration: ${name} ${first?.message ?? 'is invalid'}`);
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    seedDemoAccounts: env.NODE_ENV !== 'production',
  };
}
