// npm run bench:load [-- --rate 50 --seconds 30 --sockets 500 --processes 2 --grace 5 --settle 60 --idempotency --coalesce <ms> --profile <dir>]
//
// Server processes (2 unless --processes) on one PostgreSQL, each ready (warmed up)
// before the run, many connected dashboards and paramedic sockets split across them,
// and a steady, open-loop call intake (POST /api/calls on a timer, taking the
// processes in turn, never waiting for earlier answers).
// Measures intake latency (request sent → 201), event delivery latency (request
// sent → call:created received, on EVERY dashboard), errors, the rate actually held,
// the servers' peak memory, and CPU-ms per delivered message and per call of the
// servers, the generator and PostgreSQL. Progress lines, then one JSON line.
// --coalesce sets the servers' PUSH_COALESCE_MS (unset: their default).
// --profile writes each server's V8 CPU profile (node --cpu-prof) into <dir> when it stops.
//
// DATABASE_URL: use that database as is. Unset: a fresh database
// altpath_load_<timestamp> on postgres://postgres@127.0.0.1:5432/, dropped at the end.
//
// The generator is one process and keeps light: keep-alive HTTP agents, request
// bodies built ahead, responses never parsed (status only), and the dashboards'
// events never JSON-parsed (bench/load-parser.ts: each call's note is found by text
// in the events:pushed batch).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { buildChestPainCall, buildCrisisCall, buildFallCall } from '../test/support/calls.js';
import {
  startChildServer,
  stopChildServer,
  type ChildServer,
} from '../test/support/child-server.js';
import { rawParser } from './load-parser.js';
import {
  cpuTicks,
  descendants,
  loadAverage,
  machineTicks,
  postgresBackends,
  rssMb,
} from './load-proc.js';
import { percentile, round, signIn } from './support.js';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    sockets: { type: 'string', default: '500' },
    processes: { type: 'string', default: '2' },
    grace: { type: 'string', default: '5' },
    settle: { type: 'string', default: '60' },
    idempotency: { type: 'boolean', default: false },
    coalesce: { type: 'string' },
    profile: { type: 'string' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const SOCKETS = Number(args.sockets);
const GRACE_MS = Number(args.grace) * 1000;
const SETTLE_MS = Number(args.settle) * 1000;
const IDEMPOTENCY = args.idempotency === true;
const PROCESSES = Number(args.processes);
if (!(RATE > 0 && SECONDS > 0 && SOCKETS >= 2 && PROCESSES >= 1))
  throw new Error('--rate, --seconds > 0, --sockets >= 2 and --processes >= 1');
const PARAMEDICS = Math.max(1, Math.round(SOCKETS * 0.12)); // 60 of 500
const DASHBOARDS = SOCKETS - PARAMEDICS;
const TOTAL_CALLS = Math.round(RATE * SECONDS);
const PASSWORD = process.env.DEMO_PASSWORD ?? 'altpath-demo';

const log = (line: string) =>
  console.log(`[load ${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------- database
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
let databaseUrl = process.env.DATABASE_URL;
let createdDatabase: string | undefined;
async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
if (!databaseUrl) {
  createdDatabase = `altpath_load_${Date.now()}`;
  await admin(`create database ${createdDatabase}`);
  databaseUrl = `postgres://postgres@127.0.0.1:5432/${createdDatabase}`;
}
const databaseName = new URL(databaseUrl).pathname.slice(1);

// ---------------------------------------------------------------- cleanup
const servers: ChildServer[] = [];
const sockets: Socket[] = [];
let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const socket of sockets) socket.disconnect();
  await Promise.all(servers.map((s) => stopChildServer(s)));
  if (createdDatabase) await admin(`drop database if exists ${createdDatabase} with (force)`);
}
process.once('SIGINT', () => {
  log('interrupted: stopping servers and dropping the database');
  // Fire and forget: the process exits once the clean-up settles, whatever its outcome.
  void cleanUp().finally(() => process.exit(130));
});

/** From the stored rows: how long intake took before its transaction, and how long after it began its event was kept. */
async function explainDelays() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ calls: string; stored: number[]; numbered: number[] }>(
      `select count(*) as calls,
              percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from c.created_at - c.received_at) * 1000) as stored,
              percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from e.created_at - c.created_at) * 1000) as numbered
         from realtime_events e join calls c on c.id::text = e.payload->>'id'
        where e.event = 'call:created' and e.payload->>'notes' like 'load#%'`,
    );
    const [row] = rows;
    if (!row) return;
    const ms = (v: number[]) => v.map((x) => round(x, 1)).join(' / ');
    log(
      `server side (p50 / p99 ms, ${row.calls} calls): request received → call transaction began ${ms(row.stored)}; call transaction began → its event kept in the log ${ms(row.numbered)}`,
    );
  } finally {
    await client.end();
  }
}

/** Polls /api/health/ready until 200 (the process has warmed up), at most 60 s. */
async function untilReady(url: string) {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const status = await fetch(`${url}/api/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (performance.now() > deadline) throw new Error(`${url} not ready after 60 s (${status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

try {
  await run();
} catch (err) {
  await cleanUp();
  throw err;
}

async function run() {
  log(
    `${RATE} calls/s for ${SECONDS} s, push coalescing ${args.coalesce ?? 'default'} ms, ${SOCKETS} sockets (${DASHBOARDS} dashboards, ${PARAMEDICS} paramedic), database ${databaseName}, load average ${loadAverage()}`,
  );

  // ---------------------------------------------------------------- servers
  // The dispatcher account posts every call: lift the per-user API limit (6,000/min
  // per process) so the benchmark measures intake, not the limiter.
  // Likewise its sockets: two accounts hold every dashboard, far over SOCKETS_PER_USER.
  const env = {
    DATABASE_URL: databaseUrl as string,
    API_RATE_PER_MIN: '10000000',
    SOCKETS_PER_USER: '10000',
    ...(args.coalesce === undefined ? {} : { PUSH_COALESCE_MS: args.coalesce }),
  };
  // Written when the server exits (it exits on SIGTERM, which the clean-up sends).
  const nodeArgs =
    args.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${args.profile}`];
  servers.push(await startChildServer(env, 120_000, nodeArgs)); // migrates and seeds
  servers.push(
    ...(await Promise.all(
      Array.from({ length: PROCESSES - 1 }, () => startChildServer(env, 120_000, nodeArgs)),
    )),
  );
  const urls = servers.map((s) => s.url);
  // Traffic only once each says ready (/api/health/ready: migrated, listening, warmed up).
  await Promise.all(urls.map((url) => untilReady(url)));
  // Measure each server's whole process tree (a tsx CLI would run the server in a child
  // node process; tsx's esbuild helper may start late): found again at every sample.
  const treeOf = (s: ChildServer) => {
    const pid = s.child.pid as number;
    return [pid, ...descendants(pid)];
  };
  const serverPids = servers.map(treeOf);
  log(`servers up: ${urls.join(' ')} (pids ${serverPids.map((p) => p.join('>')).join(', ')})`);

  // ---------------------------------------------------------------- resources
  let peakRss = 0;
  const peakRssEach = servers.map(() => 0);
  const sampleRss = () => {
    let sum = 0;
    servers.map(treeOf).forEach((pids, i) => {
      const rss = pids.reduce((total, pid) => total + rssMb(pid), 0);
      peakRssEach[i] = Math.max(peakRssEach[i] as number, rss);
      sum += rss;
    });
    peakRss = Math.max(peakRss, sum);
    return sum;
  };
  const rssTimer = setInterval(sampleRss, 250);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });

  let cpuMark = {
    at: performance.now(),
    servers: servers.map((s) => treeOf(s).reduce((total, pid) => total + cpuTicks(pid), 0)),
    pg: 0,
    machine: machineTicks(),
    self: process.cpuUsage(),
  };
  const pgTicks = () =>
    postgresBackends(databaseName).reduce((total, pid) => total + cpuTicks(pid), 0);
  /** CPU used since the last call, in % of one core: each server, its database backends, this generator, the machine (% of all cores). */
  const cpuSince = () => {
    const now = {
      at: performance.now(),
      servers: servers.map((s) => treeOf(s).reduce((total, pid) => total + cpuTicks(pid), 0)),
      pg: pgTicks(),
      machine: machineTicks(),
      self: process.cpuUsage(),
    };
    const seconds = (now.at - cpuMark.at) / 1000;
    const pct = (ticks: number) => Math.round(ticks / seconds);
    const out = {
      servers: now.servers.map((t, i) => pct(t - (cpuMark.servers[i] as number))),
      pg: pct(now.pg - cpuMark.pg),
      self: Math.round(
        (now.self.user + now.self.system - cpuMark.self.user - cpuMark.self.system) /
          10_000 /
          seconds,
      ),
      machine: Math.round(
        (100 * (now.machine.busy - cpuMark.machine.busy)) /
          Math.max(1, now.machine.total - cpuMark.machine.total),
      ),
    };
    cpuMark = now;
    return out;
  };

  // ---------------------------------------------------------------- sign-in
  const [dispatcher, adminToken, paramedic1, paramedic2] = await Promise.all(
    ['dispatcher', 'admin', 'paramedic1', 'paramedic2'].map((user) =>
      signIn(urls[0] as string, `${user}@altpath.local`, PASSWORD),
    ),
  );
  // Leads watch a de-identified copy of the board (no notes), so their sockets
  // could not be matched to a call by its note: dashboards are dispatchers and admins.
  const dashboardTokens = [dispatcher, adminToken] as string[];
  const paramedicTokens = [paramedic1, paramedic2] as string[];

  // ---------------------------------------------------------------- delivery recording
  const sentAt = new Float64Array(TOTAL_CALLS); // performance.now() at send
  const received = new Uint16Array(TOTAL_CALLS); // dashboards that got call:created
  const deliveries = new Float64Array(TOTAL_CALLS * DASHBOARDS);
  let deliveryCount = 0;
  let reordered = 0;
  let warmupSeen = 0;
  let eventBytes = 0;
  let socketErrors = 0;
  const errorKinds = new Map<string, number>();
  const countError = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  const NOTE = '"notes":"load#';
  const MESSAGE = '{"event":"';
  const CREATED = '{"event":"call:created"';
  let frames = 0; // events:pushed frames the dashboards received

  // ---------------------------------------------------------------- sockets
  const dashboards: Socket[] = [];
  const connect = (index: number): Promise<Socket> => {
    const isDashboard = index < DASHBOARDS;
    const url = urls[index % urls.length] as string;
    const token = isDashboard ? dashboardTokens[index % 2] : paramedicTokens[index % 2];
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      parser: rawParser,
    });
    sockets.push(socket);
    if (isDashboard) {
      dashboards.push(socket);
      let lastId = 0;
      // One frame is a batch of the room's events ([{"event":…,"payload":…,"meta":…}, …]).
      // Each message starts with {"event":" (inside a JSON string a quote is escaped,
      // so that text is structure); its meta, and so its id, comes last.
      socket.on('events:pushed', (raw: string) => {
        const now = performance.now();
        let start = raw.indexOf(MESSAGE);
        while (start >= 0) {
          const next = raw.indexOf(MESSAGE, start + MESSAGE.length);
          const end = next < 0 ? raw.length : next;
          if (raw.startsWith(CREATED, start)) {
            const idAt = raw.lastIndexOf('"id":', end);
            const id = idAt < start ? 0 : parseInt(raw.slice(idAt + 5, idAt + 25), 10);
            if (id < lastId)
              reordered++; // ids are not commit order, and another process's event may come later
            else lastId = id;
            const at = raw.indexOf(NOTE, start);
            if (at < 0 || at > end) {
              warmupSeen++;
              eventBytes = end - start;
            } else {
              const n = parseInt(raw.slice(at + NOTE.length, at + NOTE.length + 12), 10);
              received[n] = (received[n] as number) + 1;
              deliveries[deliveryCount++] = now - (sentAt[n] as number);
            }
          }
          start = next;
        }
        frames++;
      });
    }
    socket.on('disconnect', (reason) => {
      if (cleanedUp) return;
      socketErrors++;
      countError(`socket disconnect: ${reason}`);
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => {
        socketErrors++;
        countError(`connect_error: ${err.message}`);
        reject(err);
      });
    });
  };
  const connectStarted = performance.now();
  for (let i = 0; i < SOCKETS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, SOCKETS - i) }, (_, k) => connect(i + k)));
  }
  log(
    `${SOCKETS} sockets connected in ${Math.round(performance.now() - connectStarted)} ms, server RSS ${Math.round(sampleRss())} MB`,
  );

  // ---------------------------------------------------------------- HTTP intake
  const agents = urls.map(() => new http.Agent({ keepAlive: true, maxSockets: 256 }));
  const builders = [buildFallCall, buildCrisisCall, buildChestPainCall];
  let retriedResets = 0;
  /**
   * POST /api/calls (with an Idempotency-Key under --idempotency, which adds the key's
   * own writes to every intake). A keep-alive connection the server closed just as it
   * was reused fails with ECONNRESET before any response (the documented HTTP/1.1
   * race): that request is sent again once and counted apart (retriedResets); were it
   * created twice, its note would reach the dashboards twice and count as an error.
   * Any other failure is an error.
   */
  const post = (
    target: number,
    body: string,
    key = IDEMPOTENCY ? randomUUID() : undefined,
    retry = true,
  ): Promise<number | string> =>
    new Promise((resolve) => {
      const url = new URL('/api/calls', urls[target]);
      const req = http.request(
        url,
        {
          method: 'POST',
          agent: agents[target],
          headers: {
            authorization: `Bearer ${dispatcher}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          timeout: 10_000,
        },
        (res) => {
          res.resume(); // status only: the body is never parsed
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', (err: NodeJS.ErrnoException) => {
        if (retry && req.reusedSocket && err.code === 'ECONNRESET') {
          retriedResets++;
          resolve(post(target, body, key, false));
        } else
          resolve(`${err.code ?? err.message}${req.reusedSocket ? ' (reused connection)' : ''}`);
      });
      req.end(body);
    });

  // Warm-up: a few calls through both processes; every dashboard must see them.
  const warmupCalls = Math.max(4, urls.length);
  for (let i = 0; i < warmupCalls; i++) {
    const status = await post(
      i % urls.length,
      JSON.stringify(buildFallCall({ notes: `warmup#${i}` })),
    );
    if (status !== 201) throw new Error(`warm-up call answered ${status}`);
  }
  const warmDeadline = performance.now() + 10_000;
  while (warmupSeen < warmupCalls * DASHBOARDS && performance.now() < warmDeadline)
    await new Promise((r) => setTimeout(r, 50));
  if (warmupSeen < warmupCalls * DASHBOARDS)
    throw new Error(
      `warm-up: dashboards saw ${warmupSeen} of ${warmupCalls * DASHBOARDS} call:created events`,
    );
  log(
    `warm-up done: every dashboard received call:created from every process (${eventBytes} bytes of JSON each)`,
  );

  // ---------------------------------------------------------------- the run
  const intake = new Float64Array(TOTAL_CALLS);
  let intakeCount = 0;
  let ok = 0;
  let httpErrors = 0;
  let sent = 0;
  let lastResponseAt = 0;
  const sendLag: number[] = [];
  const bodies = Array.from({ length: TOTAL_CALLS }, (_, n) =>
    JSON.stringify((builders[n % 3] as typeof buildFallCall)({ notes: `load#${n}` })),
  );
  cpuSince();
  sampleRss();
  // Whole-run CPU of the server processes (and of their database backends), for CPU-ms per message.
  const serverTicks = () =>
    servers.map(treeOf).reduce((sum, pids) => sum + pids.reduce((t, p) => t + cpuTicks(p), 0), 0);
  const runTicksAtStart = { servers: serverTicks(), pg: pgTicks() };
  const runStart = { generator: process.cpuUsage(), frames, load: loadAverage() };
  loopDelay.enable();
  const start = performance.now();
  const interval = 1000 / RATE;
  let windowIntake: number[] = [];
  let windowDeliveryFrom = 0;

  const send = (n: number) => {
    const at = performance.now();
    sentAt[n] = at;
    // Fire and forget, counted when it answers: post never rejects (a failure
    // resolves as its message), and sending must not wait for the answer.
    void post(n % urls.length, bodies[n] as string).then((status) => {
      const now = performance.now();
      lastResponseAt = now;
      if (status === 201) {
        ok++;
        intake[intakeCount++] = now - at;
        windowIntake.push(now - at);
      } else {
        httpErrors++;
        countError(`POST /api/calls → ${status}`);
      }
    });
  };
  // Progress every 5 s, while sending and while answers and events still come in.
  const progress = () => {
    const elapsed = (performance.now() - start) / 1000;
    const windowDeliveries = Array.from(
      deliveries.subarray(windowDeliveryFrom, deliveryCount),
    ).sort((a, b) => a - b);
    windowDeliveryFrom = deliveryCount;
    windowIntake.sort((a, b) => a - b);
    const cpu = cpuSince();
    log(
      `t=${elapsed.toFixed(0)}s sent ${sent} ok ${ok} errors ${httpErrors + socketErrors} in flight ${sent - ok - httpErrors}` +
        ` | last 5 s: intake p50 ${round(percentile(windowIntake, 50), 1)} p99 ${round(percentile(windowIntake, 99), 1)} ms,` +
        ` delivery p50 ${round(percentile(windowDeliveries, 50), 1)} p99 ${round(percentile(windowDeliveries, 99), 1)} ms (${windowDeliveries.length})` +
        ` | RSS ${Math.round(sampleRss())} MB | CPU % servers ${cpu.servers.join('+')} pg ${cpu.pg} generator ${cpu.self} machine ${cpu.machine}% | generator loop p99 ${round(loopDelay.percentile(99) / 1e6, 1)} ms | load ${loadAverage()}`,
    );
    windowIntake = [];
  };
  const progressTimer = setInterval(progress, 5000);

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < TOTAL_CALLS && start + sent * interval <= now) {
        sendLag.push(now - (start + sent * interval));
        send(sent++);
      }
      if (sent >= TOTAL_CALLS) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, Math.min(5, interval / 2));
    tick();
  });
  const lastSentAt = performance.now();

  // ---------------------------------------------------------------- drain
  const expected = () => ok * DASHBOARDS;
  const drainDeadline = performance.now() + 15_000;
  while (ok + httpErrors < TOTAL_CALLS && performance.now() < drainDeadline)
    await new Promise((r) => setTimeout(r, 20));
  const graceDeadline = performance.now() + GRACE_MS;
  while (deliveryCount < expected() && performance.now() < graceDeadline)
    await new Promise((r) => setTimeout(r, 20));
  clearInterval(progressTimer);
  progress();
  clearInterval(rssTimer);
  // Ticks are 1/100 s: × 10 is ms.
  const serverCpuMs = (serverTicks() - runTicksAtStart.servers) * 10;
  const pgCpuMs = (pgTicks() - runTicksAtStart.pg) * 10;
  const generatorUsage = process.cpuUsage(runStart.generator);
  const generatorCpuMs = (generatorUsage.user + generatorUsage.system) / 1000;
  const runFrames = frames - runStart.frames;
  loopDelay.disable();

  // Late or lost? Wait (not counted) for what the grace period missed, then ask the
  // database where the time went: request received → call stored → event numbered.
  const missingAtGrace = Math.max(0, expected() - deliveryCount);
  if (missingAtGrace) {
    const settleDeadline = performance.now() + SETTLE_MS;
    while (deliveryCount < expected() && performance.now() < settleDeadline)
      await new Promise((r) => setTimeout(r, 50));
    log(
      `after the grace period ${missingAtGrace} deliveries were missing; ${missingAtGrace - Math.max(0, expected() - deliveryCount)} of them arrived within ${SETTLE_MS / 1000} s more`,
    );
  }
  await explainDelays();

  const unanswered = TOTAL_CALLS - ok - httpErrors;
  if (unanswered) countError(`POST /api/calls unanswered: ${unanswered}`);
  let duplicated = 0;
  for (let n = 0; n < TOTAL_CALLS; n++)
    duplicated += Math.max(0, (received[n] as number) - DASHBOARDS);
  // Only answered calls (201) are expected on the dashboards; late ones count as missing.
  const missing = missingAtGrace;
  if (missing) countError(`call:created missing after ${GRACE_MS / 1000} s grace: ${missing}`);
  if (duplicated) countError(`call:created duplicated: ${duplicated}`);
  const stillConnected = sockets.filter((s) => s.connected).length;

  const intakeSorted = Array.from(intake.subarray(0, intakeCount)).sort((a, b) => a - b);
  const deliverySorted = Array.from(deliveries.subarray(0, deliveryCount)).sort((a, b) => a - b);
  sendLag.sort((a, b) => a - b);
  const span = Math.max(lastResponseAt, lastSentAt) - start;
  const durationS = span / 1000;
  const errors = httpErrors + unanswered + socketErrors + missing + duplicated;
  log(
    `intake ${intakeCount} answers: p50 ${round(percentile(intakeSorted, 50))} p90 ${round(percentile(intakeSorted, 90))} p99 ${round(percentile(intakeSorted, 99))} max ${round(intakeSorted.at(-1) ?? NaN)} ms`,
  );
  log(
    `delivery ${deliveryCount} (${DASHBOARDS} dashboards × ${ok} calls, measured on every dashboard, from request sent): p50 ${round(percentile(deliverySorted, 50))} p90 ${round(percentile(deliverySorted, 90))} p99 ${round(percentile(deliverySorted, 99))} max ${round(deliverySorted.at(-1) ?? NaN)} ms`,
  );
  log(
    `send lag p99 ${round(percentile(sendLag, 99))} ms | events seen out of order ${reordered} (cross-process, not an error) | keep-alive resets retried ${retriedResets} | sockets still connected ${stillConnected}/${SOCKETS} | peak RSS per server ${peakRssEach.map((m) => Math.round(m)).join(' + ')} MB | load ${loadAverage()}`,
  );
  const perDelivered = (ms: number) => round(ms / Math.max(1, deliveryCount), 3);
  const perCall = (ms: number) => round(ms / Math.max(1, ok), 1);
  const cpuPerMessage = serverCpuMs / Math.max(1, deliveryCount);
  log(
    `CPU over the run (${deliveryCount} call:created deliveries measured; the servers also pushed each call's other events to leads and units): ` +
      `servers ${Math.round(serverCpuMs)} ms = ${perDelivered(serverCpuMs)} per delivered message, ${perCall(serverCpuMs)} per call; ` +
      `generator ${Math.round(generatorCpuMs)} ms = ${perDelivered(generatorCpuMs)} per delivered message, ${perCall(generatorCpuMs)} per call; ` +
      `their PostgreSQL backends ${Math.round(pgCpuMs)} ms = ${perDelivered(pgCpuMs)} per delivered message, ${perCall(pgCpuMs)} per call`,
  );
  log(
    `frames: the dashboards received ${runFrames} events:pushed frames over the run, ${round(runFrames / Math.max(1, deliveryCount), 2)} per delivered call:created (${round(deliveryCount / Math.max(1, runFrames), 2)} call:created per frame; frames carry the other events too) | load average at start ${runStart.load}, at end ${loadAverage()}`,
  );
  for (const [kind, count] of errorKinds) log(`error: ${kind} × ${count}`);

  for (const agent of agents) agent.destroy();
  await cleanUp();

  console.log(
    JSON.stringify({
      callsPerSec: round(ok / durationS, 1),
      sockets: SOCKETS,
      processes: servers.length,
      intakeP50Ms: round(percentile(intakeSorted, 50)),
      intakeP99Ms: round(percentile(intakeSorted, 99)),
      deliveryP50Ms: round(percentile(deliverySorted, 50)),
      deliveryP99Ms: round(percentile(deliverySorted, 99)),
      errors,
      peakServerRssMb: Math.round(peakRss),
      serverCpuMsPerDelivered: round(cpuPerMessage, 3),
      serverCpuMsPerCall: round(serverCpuMs / Math.max(1, ok), 1),
      pgCpuMsPerCall: round(pgCpuMs / Math.max(1, ok), 1),
      generatorCpuMsPerDelivered: perDelivered(generatorCpuMs),
      generatorCpuMsPerCall: perCall(generatorCpuMs),
      pgCpuMsPerDelivered: perDelivered(pgCpuMs),
      framesPerDelivered: round(runFrames / Math.max(1, deliveryCount), 2),
      loadAverageAtStart: runStart.load,
      durationS: round(durationS, 1),
      targetRate: RATE,
      calls: TOTAL_CALLS,
      dashboardsMeasured: DASHBOARDS,
      retriedResets,
      idempotencyKeys: IDEMPOTENCY,
      loadAverage: loadAverage(),
    }),
  );
}
