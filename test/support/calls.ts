import type { Socket } from 'socket.io-client';

/** Near CP-11's home base downtown; CP-11 has the mental_health skill. */
export const downtown = { lat: 42.982, lng: -81.247, address: '1 Test Lane' };

const safeAnswers = {
  conscious: true,
  breathingNormally: true,
  chestPain: false,
  consentsToAlternate: true,
};

const crisisAnswers = {
  ...safeAnswers,
  suicidalIdeation: true,
  suicidePlan: false,
  suicideAttempt: false,
  homicidalIdeation: false,
  weaponsPresent: false,
  violent: false,
  overdoseSuspected: false,
  intoxicated: false,
  mentalHealthActApprehension: false,
};

type Overrides = Record<string, unknown>;

/** A call the rules send to the crisis centre. */
export function buildCrisisCall(overrides: Overrides = {}) {
  return {
    location: downtown,
    patient: { age: 34, sex: 'female', key: 'patient-a' },
    complaint: 'mental_health',
    answers: crisisAnswers,
    notes: 'Anxious, asking for support',
    ...overrides,
  };
}

/** A fall without injury: a home visit. */
export function buildFallCall(overrides: Overrides = {}) {
  return {
    location: downtown,
    patient: { age: 81, sex: 'male' },
    complaint: 'fall',
    answers: {
      ...safeAnswers,
      injuryFromFall: false,
      headInjury: false,
      longLie: false,
      unableToGetUp: true,
    },
    ...overrides,
  };
}

/** Chest pain: emergency department. */
export function buildChestPainCall(overrides: Overrides = {}) {
  return {
    location: downtown,
    patient: { age: 58 },
    complaint: 'chest_pain',
    answers: { conscious: true },
    ...overrides,
  };
}

/** Resolves with the first `event` payload that satisfies `match`, or rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A complete, in-range set of vital signs: the crisis centre's medical clearance. */
export const normalVitals = {
  heartRate: 82,
  respiratoryRate: 16,
  systolicBP: 126,
  spo2: 98,
  temperature: 36.8,
  gcs: 15,
};

type Requester = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

/**
 * The on-scene assessment the crew records before transporting or completing
 * (issue 11): normal vitals, no changed answers. Throws unless it was recorded.
 */
export async function assessOnScene(paramedic: Requester, callId: string): Promise<void> {
  const res = await paramedic('POST', `/api/calls/${callId}/assessment`, {
    vitals: normalVitals,
    answers: {},
  });
  if (res.status !== 200)
    throw new Error(`assessment of ${callId}: ${res.status} ${JSON.stringify(res.body)}`);
}
