/**
 * `npm run bench:stats [-- --calls N]`: the lead's whole-year summary, and the receiving
 * sites' referral figures, on PostgreSQL with a million generated calls (or N; generated
 * first if the database has fewer), through the real app over HTTP. The last line printed
 * is one JSON object.
 */
import { parseArgs } from 'node:util';
import { startServer } from '../server/boot.js';
import { loadConfig } from '../server/config/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { seedDatabase } from '../server/db/seed.js';
import { generateHistory } from '../server/history/generate-history.js';
import { analyseAfterLoad } from '../server/history/history-repository.js';
import { percentile, round } from './support.js';

const { values: args } = parseArgs({ options: { calls: { type: 'string' } }, strict: true });
const TARGET_CALLS = args.calls ? Number(args.calls) : 1_000_000;
if (!Number.isInteger(TARGET_CALLS) || TARGET_CALLS < 1) {
  console.error('bench:stats: --calls must be a whole number of calls, at least 1');
  process.exit(2);
}
const RUNS = 20;
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/altpath_bench';
const END_DATE = '2026-11-23';

const config = loadConfig({
  ...process.env,
  PORT: '0',
  LOG_LEVEL: 'silent',
  DATABASE_URL,
  API_RATE_PER_MIN: '1000000',
});

async function ensureHistory(): Promise<number> {
  const db = openDatabase({ url: DATABASE_URL, acquireTimeoutMs: 60_000 });
  try {
    await db.ready();
    await migrateToLatest(db);
    await seedDatabase(db, { demoAccounts: true, demoPassword: config.DEMO_PASSWORD });
    const count = async () =>
      Number(((await db.query('calls').count({ n: '*' }).first()) as { n: number }).n);
    const existing = await count();
    if (existing < TARGET_CALLS) {
      console.log(
        `database has ${existing} calls: generating ${TARGET_CALLS - existing} more (seed:history)…`,
      );
      const result = await generateHistory(db, {
        calls: TARGET_CALLS - existing,
        months: 12,
        seed: 20261123 + existing,
        endDate: END_DATE,
        timeZone: config.SERVICE_TIME_ZONE,
        roadSpeedKmh: config.ROAD_SPEED_KMH,
        offerTimeoutS: config.OFFER_TIMEOUT_S,
      });
      await analyseAfterLoad(db);
      console.log(`generated ${result.calls} calls in ${(result.ms / 1000).toFixed(1)} s`);
    }
    return await count();
  } finally {
    await db.close();
  }
}

/** p in 0-1, in ms to 0.1: the one nearest-rank percentile of bench/support.ts. */
const percentileMs = (samples: number[], p: number) =>
  round(
    percentile(
      [...samples].sort((a, b) => a - b),
      p * 100,
    ),
    1,
  );

const calls = await ensureHistory();
const server = await startServer(config);
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'lead@altpath.local', password: config.DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const time = async (path: string) => {
    const samples: number[] = [];
    let body: unknown;
    for (let i = 0; i < RUNS + 2; i += 1) {
      const started = performance.now();
      const res = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      body = await res.json();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      if (i >= 2) samples.push(performance.now() - started); // two warm-up requests
    }
    return { samples, body };
  };
  const year = 'from=2025-11-23&to=2026-11-22';
  const summary = await time(`/api/stats/summary?${year}`);
  const monthly = await time(`/api/stats/timeseries?${year}&bucket=month`);
  const crisis = await time(`/api/stats/summary?${year}&pathway=crisis_centre`);
  const referrals = await time(`/api/stats/referrals?${year}`);
  const referralFigures = referrals.body as { total: { requested: number } };
  const figures = summary.body as {
    calls: number;
    attendances: number;
    diversionRate: number;
    processing: { p50Sec: number };
  };
  console.log(
    `calls in the database: ${calls}; in the year summarised: ${figures.calls} (${figures.attendances} attendances)`,
  );
  console.log(
    `summary (whole year):        p50 ${percentileMs(summary.samples, 0.5)} ms, p99 ${percentileMs(summary.samples, 0.99)} ms over ${RUNS}`,
  );
  console.log(
    `summary (crisis centre):     p50 ${percentileMs(crisis.samples, 0.5)} ms, p99 ${percentileMs(crisis.samples, 0.99)} ms`,
  );
  console.log(
    `timeseries (12 months):      p50 ${percentileMs(monthly.samples, 0.5)} ms, p99 ${percentileMs(monthly.samples, 0.99)} ms`,
  );
  console.log(
    `referrals by site:           p50 ${percentileMs(referrals.samples, 0.5)} ms, p99 ${percentileMs(referrals.samples, 0.99)} ms (${referralFigures.total.requested} referrals)`,
  );
  console.log(
    JSON.stringify({
      calls,
      yearCalls: figures.calls,
      summaryP50Ms: percentileMs(summary.samples, 0.5),
      summaryP99Ms: percentileMs(summary.samples, 0.99),
      pathwaySummaryP50Ms: percentileMs(crisis.samples, 0.5),
      timeseriesP50Ms: percentileMs(monthly.samples, 0.5),
      timeseriesP99Ms: percentileMs(monthly.samples, 0.99),
      referrals: referralFigures.total.requested,
      referralsP50Ms: percentileMs(referrals.samples, 0.5),
      referralsP99Ms: percentileMs(referrals.samples, 0.99),
      runs: RUNS,
      targetP50Ms: 300,
    }),
  );
} finally {
  await server.stop();
}
