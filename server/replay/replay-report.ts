import type { Disposition } from '../../shared/call-schema.js';

export type SafetyReason = 'transported_ed' | 'recontact_72h';

/** A call the candidate rules would divert although history says it needed more than that. */
export interface SafetyWarning {
  callId: string;
  receivedAt: string;
  old: Disposition;
  new: Disposition;
  reason: SafetyReason;
}

/** Old → new disposition → number of calls. */
export type DispositionMatrix = Partial<Record<Disposition, Partial<Record<Disposition, number>>>>;

export interface ReplayReport {
  /** Listed first on purpose: a rule change is judged by these before anything else. */
  safetyWarnings: SafetyWarning[];
  ruleSetVersion: { current: string; candidate: string };
  /** The replayed window (`from` inclusive, `to` exclusive), when one was given. */
  range: { from: string | null; to: string | null };
  calls: number;
  changed: number;
  matrix: DispositionMatrix;
  /** For each change of disposition ("old -> new"), how many of those calls each rule decided. */
  changedBy: Record<string, Record<string, number>>;
  /** Share of calls whose disposition is not the emergency department, before and after. */
  projectedDiversion: { before: number; after: number; change: number };
}

export interface ReplayProgress {
  processed: number;
  total: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The report as text for a terminal: safety warnings first, then the numbers. */
export function formatReport(report: ReplayReport): string[] {
  const lines: string[] = [];
  const warnings = report.safetyWarnings;
  lines.push(
    warnings.length === 0
      ? 'SAFETY: no call the candidate rules divert was transported to the ED or re-contacted within 72 h.'
      : `SAFETY: ${warnings.length} warning(s): calls the candidate rules divert that were transported to the ED or re-contacted within 72 h`,
  );
  for (const w of warnings)
    lines.push(`  ${w.reason.padEnd(14)} ${w.receivedAt}  call ${w.callId}  ${w.old} -> ${w.new}`);
  lines.push('');
  lines.push(`rules: current ${report.ruleSetVersion.current}`);
  lines.push(`       candidate ${report.ruleSetVersion.candidate}`);
  lines.push(`calls replayed: ${report.calls}, disposition changed: ${report.changed}`);
  const { before, after, change } = report.projectedDiversion;
  lines.push(
    `projected diversion: ${percent(before)} -> ${percent(after)} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} points)`,
  );
  lines.push('disposition matrix (old -> new: calls):');
  for (const [from, row] of Object.entries(report.matrix))
    for (const [to, count] of Object.entries(row ?? {}))
      lines.push(
        `  ${from.padEnd(21)} -> ${to.padEnd(21)} ${count}${from === to ? '' : '  (changed)'}`,
      );
  const moves = Object.entries(report.changedBy);
  if (moves.length)
    lines.push('calls changed, by the rule that decided them (a call may name several):');
  for (const [move, rules] of moves) {
    lines.push(`  ${move}`);
    for (const [rule, count] of Object.entries(rules).sort((a, b) => b[1] - a[1]))
      lines.push(`    ${String(count).padStart(7)}  ${rule}`);
  }
  return lines;
}
