// Shared by the two offer benchmarks (bench:offer over the API, bench:offer-browser in
// Chromium): a server on a temp PGlite (or DATABASE_URL), the dispatcher and CP-11's
// paramedic signed in with the paramedic's device socket, the crisis call CP-11 is
// proposed for, and how the unit is freed between offers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { startServer } from '../server/boot.js';
import { loadConfig } from '../server/config/config.js';
import { hearPushedEvents } from '../test/support/pushed-events.js';
import { client, signIn } from './support.js';

// Downtown, next to CP-11 (mental_health): CP-11 is the proposal for a crisis call.
export const crisisCall = {
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

export async function startOfferBench() {
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
  const device = hearPushedEvents(
    io(server.url, { auth: { token: paramedicToken }, transports: ['websocket'] }),
  );
  await new Promise<void>((resolve) => device.once('connect', () => resolve()));

  /** Takes the offer through to completion (outside any timed window). */
  async function freeUnit(callId: string, assignmentId: string): Promise<void> {
    for (const status of ['accepted', 'en_route', 'on_scene']) {
      await paramedic('POST', `/api/assignments/${assignmentId}/status`, { status });
    }
    // Completing needs an on-scene assessment first.
    await paramedic('POST', `/api/calls/${callId}/assessment`, {
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
    await paramedic('POST', `/api/assignments/${assignmentId}/status`, {
      status: 'completed',
      outcome: 'referred',
    });
  }

  async function stop(): Promise<void> {
    device.disconnect();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { server, password, dispatcher, device, freeUnit, stop };
}
