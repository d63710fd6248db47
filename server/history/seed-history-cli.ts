/**
 * `npm run seed:history -- --calls 100000 --months 12 [--seed N] [--end YYYY-MM-DD] [--reset] [--rules DIR]`
 * Fills the configured database with generated history (see generate-history.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDatabase } from '../db/seed.js';
import { generateHistory } from './generate-history.js';
import {
  analyseAfterLoad,
  countGeneratedCalls,
  deleteGeneratedCalls,
} from './history-repository.js';
import { printLine } from '../cli/print-line.js';

const ArgsSchema = z.strictObject({
  calls: z.coerce.number().int().min(0).max(20_000_000).default(100_000),
  months: z.coerce.number().int().min(1).max(120).default(12),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(20261123),
  end: z.iso.date('must be a date, YYYY-MM-DD').optional(),
  batch: z.coerce.number().int().min(100).max(10_000).default(2_000),
  reset: z.boolean().default(false),
  /** Another rule set for the intake decisions (a replay baseline, e.g. rule set v1). */
  rules: z.string().min(1).optional(),
});

const { values } = parseArgs({
  options: {
    calls: { type: 'string' },
    months: { type: 'string' },
    seed: { type: 'string' },
    end: { type: 'string' },
    batch: { type: 'string' },
    reset: { type: 'boolean' },
    rules: { type: 'string' },
  },
  strict: true,
});
const parsed = ArgsSchema.safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  console.error(`seed:history: --${issue?.path.join('.')} ${issue?.message}`);
  process.exit(2);
}
const args = parsed.data;
const config = loadConfig();
if (config.NODE_ENV === 'production') {
  console.error('seed:history: refusing to mix generated history into a production database');
  process.exit(2);
}
/** Today in the service time zone: the history ends at its midnight. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.SERVICE_TIME_ZONE }).format(
  new Date(),
);

const db = openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  acquireTimeoutMs: 60_000,
});
try {
  await db.ready();
  await migrateToLatest(db);
  await seedDatabase(db, {
    demoAccounts: config.seedDemoAccounts,
    demoPassword: config.DEMO_PASSWORD,
  });
  if (args.reset) {
    const existing = await countGeneratedCalls(db.query);
    const bar = new cliProgress.SingleBar(
      { format: 'reset    [{bar}] {value}/{total} generated calls deleted' },
      cliProgress.Presets.shades_classic,
    );
    bar.start(existing, 0);
    await deleteGeneratedCalls(db, (deleted) => bar.update(deleted));
    bar.stop();
  }
  const bar = new cliProgress.SingleBar(
    {
      format:
        'history  [{bar}] {percentage}% | {value}/{total} calls | {rate} calls/s | ETA {eta}s',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(args.calls, 0, { rate: 0 });
  const result = await generateHistory(
    db,
    {
      calls: args.calls,
      months: args.months,
      seed: args.seed,
      endDate: args.end ?? today,
      timeZone: config.SERVICE_TIME_ZONE,
      roadSpeedKmh: config.ROAD_SPEED_KMH,
      offerTimeoutS: config.OFFER_TIMEOUT_S,
      batchSize: args.batch,
      ...(args.rules ? { rulesDir: path.resolve(args.rules) } : {}),
    },
    (inserted) =>
      bar.update(inserted, {
        rate: Math.round(inserted / Math.max(0.001, (Date.now() - started) / 1000)),
      }),
  );
  bar.stop();
  const analyseStarted = Date.now();
  await analyseAfterLoad(db);
  printLine(
    `Generated ${result.calls} calls (${result.decisions} triage decisions, ${result.assignments} assignments, ` +
      `${result.referrals} referrals, ${result.carePlans} care plan versions) ` +
      `from ${result.from.toISOString()} to ${result.to.toISOString()} in ${(result.ms / 1000).toFixed(1)} s ` +
      `(${Math.round(result.calls / (result.ms / 1000))} calls/s; analyse ${((Date.now() - analyseStarted) / 1000).toFixed(1)} s) on ${db.dialect}`,
  );
  printLine(
    JSON.stringify({
      calls: result.calls,
      referrals: result.referrals,
      carePlans: result.carePlans,
      seconds: result.ms / 1000,
      dialect: db.dialect,
      seed: args.seed,
    }),
  );
} finally {
  await db.close();
}
