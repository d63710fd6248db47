import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AnswerName } from '../../shared/call-schema.js';
import { NotesScreenSchema, compileNotesScreen } from './notes-screen.js';
import type { NotesScreen, NotesScreenData } from './notes-screen.js';
import { KeyAnswerSetsSchema, ruleFileSchema, toLoadedRule } from './rule-file-schema.js';
import type { LoadedRule } from './rule-file-schema.js';

export { stages, modifierTypes } from './rule-file-schema.js';
export type { LoadedRule, Modifier, RuleExample, Stage } from './rule-file-schema.js';

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
    this.name = 'RuleFileError';
  }
}

export interface RuleSet {
  rules: LoadedRule[];
  keyAnswerSets: Map<string, AnswerName[]>;
  /** The notes' red-flag phrase list, if a rule file declares one. */
  notesScreen: NotesScreen | null;
  notesScreenData: NotesScreenData | null;
  /** "sha256:" + hex over the canonicalised rule content (examples excluded). */
  version: string;
}

/** `rules/x.json` when under the working directory, else the absolute path. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/** One line per zod issue: `file: rule "id": conditions.all[2].operator: message`. */
function describeIssues(file: string, raw: unknown, error: z.ZodError): string[] {
  const rawRules = (raw as { rules?: unknown } | null)?.rules;
  return error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => {
      const segments = key === undefined ? [...issue.path] : [...issue.path, key];
      const message = key === undefined ? issue.message : 'unknown field';
      let where = file;
      if (segments[0] === 'rules' && typeof segments[1] === 'number') {
        const id = Array.isArray(rawRules)
          ? (rawRules[segments[1]] as { id?: unknown })?.id
          : undefined;
        where += typeof id === 'string' ? `: rule "${id}"` : `: rules[${segments[1]}]`;
        segments.splice(0, 2);
      }
      return `${where}: ${segments.length ? formatPath(segments) : '(rule)'}: ${message}`;
    });
  });
}

/** JSON with object keys sorted at every level, so formatting never changes the version. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function readRuleFiles(rulesDir: string): Promise<{ file: string; raw: unknown }[]> {
  let names: string[];
  try {
    names = (await readdir(rulesDir)).filter((n) => n.endsWith('.json')).sort();
  } catch (cause) {
    throw new RuleFileError(displayPath(rulesDir), [`${displayPath(rulesDir)}: ${String(cause)}`]);
  }
  if (names.length === 0)
    throw new RuleFileError(displayPath(rulesDir), [
      `${displayPath(rulesDir)}: no rule files (*.json)`,
    ]);
  return Promise.all(
    names.map(async (name) => {
      const full = path.join(rulesDir, name);
      const file = displayPath(full);
      const text = await readFile(full, 'utf8');
      try {
        return { file, raw: JSON.parse(text) as unknown };
      } catch (cause) {
        throw new RuleFileError(file, [`${file}: invalid JSON: ${(cause as Error).message}`]);
      }
    }),
  );
}

/** At most one file declares the notes' phrase list. */
function collectNotesScreen(files: { file: string; raw: unknown }[]): NotesScreenData | null {
  let found: { file: string; data: NotesScreenData } | null = null;
  for (const { file, raw } of files) {
    const parsed = z.looseObject({ notesScreen: NotesScreenSchema.optional() }).safeParse(raw);
    if (!parsed.success) throw new RuleFileError(file, describeIssues(file, raw, parsed.error));
    if (!parsed.data.notesScreen) continue;
    if (found)
      throw new RuleFileError(file, [
        `${file}: notesScreen: declared twice (also in ${found.file})`,
      ]);
    found = { file, data: parsed.data.notesScreen };
  }
  return found?.data ?? null;
}

/** Key-answer sets come first: rules refer to them through `missingFor…` facts. */
function collectKeyAnswerSets(files: { file: string; raw: unknown }[]): Map<string, AnswerName[]> {
  const sets = new Map<string, AnswerName[]>();
  const owner = new Map<string, string>();
  for (const { file, raw } of files) {
    const parsed = z.looseObject({ keyAnswers: KeyAnswerSetsSchema.optional() }).safeParse(raw);
    if (!parsed.success) throw new RuleFileError(file, describeIssues(file, raw, parsed.error));
    for (const [name, answers] of Object.entries(parsed.data.keyAnswers ?? {})) {
      if (sets.has(name))
        throw new RuleFileError(file, [
          `${file}: keyAnswers.${name}: duplicate key-answer set (also in ${owner.get(name)})`,
        ]);
      sets.set(name, answers);
      owner.set(name, file);
    }
  }
  return sets;
}

/**
 * Reads and validates every `*.json` in `rulesDir` (sorted by name). Any fault throws
 * a RuleFileError naming the file, the rule and the path of the fault.
 */
export async function loadRuleSet(rulesDir: string): Promise<RuleSet> {
  const files = await readRuleFiles(rulesDir);
  const keyAnswerSets = collectKeyAnswerSets(files);
  const schema = ruleFileSchema(new Set(keyAnswerSets.keys()));

  const rules: LoadedRule[] = [];
  const content: unknown[] = [];
  const seen = new Map<string, string>();
  for (const { file, raw } of files) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new RuleFileError(file, describeIssues(file, raw, parsed.error));
    for (const rule of parsed.data.rules.map((r) => toLoadedRule(file, r))) {
      const first = seen.get(rule.id);
      if (first)
        throw new RuleFileError(file, [
          `${file}: rule "${rule.id}": id: duplicate rule id (also in ${first})`,
        ]);
      seen.set(rule.id, file);
      rules.push(rule);
    }
    content.push({
      keyAnswers: parsed.data.keyAnswers,
      notesScreen: parsed.data.notesScreen,
      rules: parsed.data.rules.map(({ examples: _examples, ...logic }) => logic),
    });
  }
  const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  const notesScreenData = collectNotesScreen(files);
  return {
    rules,
    keyAnswerSets,
    notesScreen: notesScreenData ? compileNotesScreen(notesScreenData) : null,
    notesScreenData,
    version: `sha256:${hash}`,
  };
}
