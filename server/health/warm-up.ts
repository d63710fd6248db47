import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { TriageEngine } from '../triage/engine.js';
import { defaultRulesDir } from '../triage/engine.js';
import { loadRuleSet } from '../triage/rule-files.js';
import { currentHorizon, roomEventsFrom } from '../realtime/event-log-repository.js';
import { DISPATCH_ROOM } from '../realtime/rooms.js';

/** Connections opened before traffic (the pool's most), so the first burst does not wait for handshakes. */
const PRIMED_CONNECTIONS = 10;

/**
 * What a fresh process does before it says it is ready: the first calls after a
 * start otherwise pay for them (bench:load's whole-run p99 was several times its
 * warm p99). Runs every rule's own examples through the engine (json-rules-engine
 * and the decision code compiled by V8), opens the database pool's connections,
 * runs the live path's reads once (PostgreSQL plans them, knex builds them) and
 * lets the event feed take its starting horizon.
 */
export async function warmUp(deps: {
  db: Database;
  triage: Pick<TriageEngine, 'decide'>;
  rulesDir?: string | undefined;
  feed: { read(): Promise<void> };
  logger: Logger;
}): Promise<void> {
  const log = deps.logger.child({ module: 'warm-up' });
  const started = performance.now();
  const ruleSet = await loadRuleSet(deps.rulesDir ?? defaultRulesDir);
  let decisions = 0;
  for (let round = 0; round < 3; round++)
    for (const rule of ruleSet.rules)
      for (const example of rule.examples) {
        await deps.triage.decide(example.call);
        decisions++;
      }
  const connections = deps.db.dialect === 'postgres' ? PRIMED_CONNECTIONS : 1;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const horizon = await currentHorizon(deps.db.query);
      await roomEventsFrom(deps.db.query, DISPATCH_ROOM, horizon, 1);
    }),
  );
  await deps.feed.read();
  log.info(
    { decisions, connections, ms: Math.round(performance.now() - started) },
    'warmed up: ready for traffic',
  );
}
