// Time from a dispatcher's POST /api/calls (then accepting the recommendation)
// to the paramedic's device receiving assignment:offered, over 100 calls.
// Runs on an embedded PGlite database in a temp dir, or on DATABASE_URL.
import { crisisCall, startOfferBench } from './offer-support.js';
import { percentile, round } from './support.js';

const CALLS = Number(process.argv[2] ?? 100);
const { server, dispatcher, device, freeUnit, stop } = await startOfferBench();

const latencies: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const offered = new Promise<{ assignment: { id: string } }>((resolve) =>
    device.once('assignment:offered', resolve),
  );
  const started = performance.now();
  const created = await dispatcher('POST', '/api/calls', crisisCall);
  const dispatched = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {});
  if (dispatched.status !== 201)
    throw new Error(`dispatch failed: ${JSON.stringify(dispatched.body)}`);
  const offer = await offered;
  latencies.push(performance.now() - started);
  // Free the unit for the next call (outside the timed window).
  await freeUnit(created.body.id, offer.assignment.id);
}

await stop();
latencies.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    calls: CALLS,
    database: server.db.dialect,
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? NaN),
  }),
);
