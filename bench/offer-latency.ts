// Time from a dispatcher's POST /api/calls (then accepting the recommendation)
// to the paramedic's device receiving assignment:offered, over 100 calls.
// Runs on an embedded PGlite database in a temp dir, or on DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { startServer } from '../server/boot.js';
import { loadConfig } from '../server/config/config.js';
import { client, percentile, round, signIn } from './support.js';

const CALLS = Number(process.argv[2] ?? 100);
const dataDir = mkdtempSync(path.join(tmpdir(), 'altpath-bench-'));
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
});
const server = await startServer(config);
const password = config.DEMO_PASSWORD;
const dispatcher = client(
  server.url,
  await signIn(server.url, 'dispatcher@altpath.local', password),
);
const paramedicToken = await signIn(server.url, 'paramedic1@altpath.local', password);
const paramedic = client(server.url, paramedicToken);
const device = io(server.url, { auth: { token: paramedicToken }, transports: ['websocket'] });
await new Promise<void>((resolve) => device.once('connect', () => resolve()));

// Downtown, next to CP-11 (mental_health): CP-11 is the proposal for a crisis call.
const call = {
  location: { lat: 42.982, lng: -81.247 },
  patient: { age: 30 },
  complaint: 'mental_health',
  answers: {
    conscious: true,
    breathingNormally: true,
    chestPain: false,
    consentsToAlternate: true,
    suicidePlan: false,
    suicideAttempt: false,
    homicidalIdeation: false,
    weaponsPresent: false,
    violent: false,
    overdoseSuspected: false,
    intoxicated: false,
    mentalHealthActApprehension: false,
  },
};

const latencies: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const offered = new Promise<{ assignment: { id: string } }>((resolve) =>
    device.once('assignment:offered', resolve),
  );
  const started = performance.now();
  const created = await dispatcher('POST', '/api/calls', call);
  const dispatched = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {});
  if (dispatched.status !== 201)
    throw new Error(`dispatch failed: ${JSON.stringify(dispatched.body)}`);
  const offer = await offered;
  latencies.push(performance.now() - started);
  // Free the unit for the next call (outside the timed window).
  for (const status of ['accepted', 'en_route', 'on_scene']) {
    await paramedic('POST', `/api/assignments/${offer.assignment.id}/status`, { status });
  }
  // Completing needs an on-scene assessment first.
  await paramedic('POST', `/api/calls/${created.body.id}/assessment`, {
    vitals: {
      heartRate: 82,
      respiratoryRate: 16,
      systolicBP: 126,
      spo2: 98,
      temperature: 36.8,
      gcs: 15,
    },
    answers: {},
  });
  await paramedic('POST', `/api/assignments/${offer.assignment.id}/status`, {
    status: 'completed',
    outcome: 'referred',
  });
}

device.disconnect();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
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
