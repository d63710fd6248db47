import type { Database } from '../db/database.js';
import type { Disposition } from '../../shared/call-schema.js';
import type { CompiledRuleSet } from '../triage/compiled-evaluator.js';
import type { ReplayProgress, ReplayReport, SafetyWarning } from './replay-report.js';
import {
  countCalls,
  medianReceivedAt,
  readCallBatch,
  readSafetyFlags,
} from './replay-repository.js';
import type { ReplayCursor, ReplayRange, ReplayRow } from './replay-repository.js';

export interface ReplayOptions extends ReplayRange {
  /** Version of the rules in force, for the report. */
  currentRuleSetVersion: string;
  candidate: CompiledRuleSet;
  batchSize?: number;
  /** Split the range in two halves read side by side (PostgreSQL uses a core for each). */
  parallel?: boolean;
  onProgress?: (progress: ReplayProgress) => void;
}

const ED: Disposition = 'emergency_department';
export const defaultBatchSize = 5_000;

/** Six decimals: shares stay exact enough to compare and free of floating-point noise. */
const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1e6) / 1e6);

interface Diverted {
  row: ReplayRow;
  now: Disposition;
}

/**
 * Re-decides every stored call in the range with the candidate rules and compares with the
 * intake decision it got. Calls stream in keyset batches, and the work is pipelined: while
 * one batch is decided, the database reads the next batch and looks up the safety facts
 * (ED transport, 72 h re-contact) of the previous batch's diverted calls. On PostgreSQL the
 * range is split in two halves scanned side by side, since reading is the slower part.
 */
export async function replayCalls(db: Database, options: ReplayOptions): Promise<ReplayReport> {
  const range: ReplayRange = { from: options.from, to: options.to };
  const batchSize = options.batchSize ?? defaultBatchSize;
  const total = await countCalls(db.query, range);

  const matrix: Record<string, Record<string, number>> = {};
  const changedBy: Record<string, Record<string, number>> = {};
  let calls = 0;
  let changed = 0;
  let divertedBefore = 0;
  let divertedAfter = 0;

  /** Tallies one batch; returns its calls that the candidate diverts, in keyset order. */
  const tally = (rows: ReplayRow[]): Diverted[] => {
    const diverted: Diverted[] = [];
    for (const row of rows) {
      const before = row.old_disposition;
      const decision = options.candidate.decide(row.input);
      const after = decision.disposition;
      const cell = (matrix[before] ??= {});
      cell[after] = (cell[after] ?? 0) + 1;
      if (before !== after) {
        changed += 1;
        // The rules that moved it, so a lead sees which change of the rules moves which calls.
        const why = (changedBy[`${before} -> ${after}`] ??= {});
        for (const rule of new Set(decision.reasons.map((r) => r.rule)))
          why[rule] = (why[rule] ?? 0) + 1;
      }
      if (before !== ED) divertedBefore += 1;
      if (after === ED) continue;
      divertedAfter += 1;
      diverted.push({ row, now: after });
    }
    calls += rows.length;
    return diverted;
  };

  const warn = async (diverted: Diverted[], into: SafetyWarning[]) => {
    const flagged = await readSafetyFlags(
      db.query,
      diverted.map((d) => d.row.id),
    );
    if (flagged.length === 0) return;
    const flags = new Map(flagged.map((f) => [f.id, f]));
    for (const { row, now } of diverted) {
      const flag = flags.get(row.id);
      if (!flag) continue;
      const base = {
        callId: row.id,
        receivedAt: new Date(row.received_at).toISOString(),
        old: row.old_disposition,
        new: now,
      };
      if (flag.transported_ed) into.push({ ...base, reason: 'transported_ed' });
      if (flag.recontact_72h) into.push({ ...base, reason: 'recontact_72h' });
    }
  };

  /** One keyset scan over `part`; its warnings come back in (received_at, id) order. */
  const scan = async (part: ReplayRange): Promise<SafetyWarning[]> => {
    const found: SafetyWarning[] = [];
    const fetch = (after: ReplayCursor | null) => readCallBatch(db.query, part, after, batchSize);
    let nextBatch: Promise<ReplayRow[]> | null = fetch(null);
    let warnings: Promise<void> = Promise.resolve();
    try {
      while (nextBatch) {
        const rows: ReplayRow[] = await nextBatch;
        const last = rows.at(-1);
        nextBatch =
          last && rows.length === batchSize
            ? fetch({ receivedAt: last.received_at, id: last.id })
            : null;
        const diverted = tally(rows);
        // One safety lookup in flight at a time: warnings stay in order, memory bounded.
        await warnings;
        warnings = warn(diverted, found);
        // Calls added while the replay runs may push "processed" past the first count.
        options.onProgress?.({ processed: calls, total: Math.max(total, calls) });
      }
      await warnings;
      return found;
    } catch (error) {
      // The scan is over; a prefetch or lookup still in flight no longer matters.
      void nextBatch?.catch(() => undefined);
      void warnings.catch(() => undefined);
      throw error;
    }
  };

  options.onProgress?.({ processed: 0, total });
  const parts = await splitRange(
    db,
    range,
    total,
    (options.parallel ?? true) && total >= 4 * batchSize,
  );
  const safetyWarnings = (await Promise.all(parts.map(scan))).flat();

  const before = share(divertedBefore, calls);
  const after = share(divertedAfter, calls);
  return {
    safetyWarnings,
    ruleSetVersion: {
      current: options.currentRuleSetVersion,
      candidate: options.candidate.ruleSetVersion,
    },
    range: { from: options.from?.toISOString() ?? null, to: options.to?.toISOString() ?? null },
    calls,
    changed,
    matrix: matrix as ReplayReport['matrix'],
    changedBy,
    projectedDiversion: { before, after, change: Math.round((after - before) * 1e6) / 1e6 },
  };
}

/** The range whole, or in two halves at the median `received_at` (PostgreSQL only). */
async function splitRange(
  db: Database,
  range: ReplayRange,
  total: number,
  parallel: boolean,
): Promise<ReplayRange[]> {
  // PGlite has a single connection: two scans would only take turns.
  if (!parallel || db.dialect !== 'postgres') return [range];
  const middle = await medianReceivedAt(db.query, range, total);
  if (!middle) return [range];
  return [
    { from: range.from, to: middle },
    { from: middle, to: range.to },
  ];
}
