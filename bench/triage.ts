/**
 * `npm run bench:triage`: 20,000 generated calls through the real engine, then through the
 * reference implementation, one after the other. The last line printed is one JSON object.
 */
import { createTriageEngine } from '../server/triage/engine.js';
import { sampleCalls } from '../test/triage/call-arbitrary.js';
import { referenceDecide } from '../test/triage/reference.js';
import { percentile } from './support.js';

const COUNT = 20_000;
const WARM_UP = 2_000;

interface Timing {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  totalMs: number;
}

function summarise(samples: bigint[], totalNs: bigint): Timing {
  const ms = samples.map((ns) => Number(ns) / 1e6).sort((a, b) => a - b);
  const totalMs = Number(totalNs) / 1e6;
  return {
    perSec: Math.round((samples.length / totalMs) * 1000),
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    totalMs,
  };
}

async function time(decide: (i: number) => unknown): Promise<Timing> {
  const samples: bigint[] = new Array<bigint>(COUNT);
  const start = process.hrtime.bigint();
  for (let i = 0; i < COUNT; i += 1) {
    const t0 = process.hrtime.bigint();
    await decide(i);
    samples[i] = process.hrtime.bigint() - t0;
  }
  return summarise(samples, process.hrtime.bigint() - start);
}

const round = (n: number, digits = 4) => Number(n.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

const calls = sampleCalls(COUNT);
const engine = await createTriageEngine();
for (let i = 0; i < WARM_UP; i += 1) await engine.decide(calls[i % COUNT]!);
for (let i = 0; i < WARM_UP; i += 1) referenceDecide(calls[i % COUNT]!);

const engineTiming = await time((i) => engine.decide(calls[i]!));
const memory = process.memoryUsage();
const referenceTiming = await time((i) => referenceDecide(calls[i]!));

console.log(
  `calls: ${COUNT} generated (seeded), warm-up ${WARM_UP}, rules ${engine.ruleSetVersion}`,
);
console.log(
  `engine:    ${engineTiming.perSec} decisions/s, p50 ${round(engineTiming.p50Ms)} ms, p99 ${round(engineTiming.p99Ms)} ms`,
);
console.log(
  `reference: ${referenceTiming.perSec} decisions/s, p50 ${round(referenceTiming.p50Ms)} ms, p99 ${round(referenceTiming.p99Ms)} ms`,
);
console.log(
  `memory after engine run: rss ${mb(memory.rss)} MB, heap used ${mb(memory.heapUsed)} MB`,
);
console.log(
  JSON.stringify({
    decisionsPerSec: engineTiming.perSec,
    p50Ms: round(engineTiming.p50Ms),
    p99Ms: round(engineTiming.p99Ms),
    referencePerSec: referenceTiming.perSec,
    ratio: round(referenceTiming.perSec / engineTiming.perSec, 1),
    rssMb: mb(memory.rss),
    heapUsedMb: mb(memory.heapUsed),
  }),
);
