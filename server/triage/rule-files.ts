import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CallSchema, acuities, answerNames, dispositions } from './call-schema.js';
import type { Acuity, AnswerName, Call, Disposition } from './call-schema.js';
import { factCatalog } from './facts.js';
import { conditionSchema } from './rule-conditions.js';
import type { RuleCondition } from './rule-conditions.js';

/**
 * The clinical order of the specification: the first stage with a rule that fires
 * decides. A rule's event type names its stage.
 */
export const stages = [
  'red_flag',
  'abnormal_vital',
  'no_alternate',
  'missing_answers',
  'pathway',
] as const;
export type Stage = (typeof stages)[number];

/** What each stage may decide; a rule that says otherwise is refused (fail safe by construction). */
const stageOutcome: Record<Stage, { disposition?: Disposition; acuity: Acuity }> = {
  red_flag: { disposition: 'emergency_department', acuity: 'emergency' },
  abnormal_vital: { disposition: 'emergency_department', acuity: 'urgent' },
  no_alternate: { disposition: 'emergency_department', acuity: 'urgent' },
  missing_answers: { disposition: 'emergency_department', acuity: 'urgent' },
  pathway: { acuity: 'non_urgent' },
};

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
    this.name = 'RuleFileError';
  }
}

export interface RuleExample {
  name?: string;
  call: Call;
  expect: { disposition: Disposition; acuity: Acuity; missing?: AnswerName[] };
}

export interface LoadedRule {
  id: string;
  description: string;
  stage: Stage;
  disposition: Disposition;
  acuity: Acuity;
  /** For a missing-answers rule: the key-answer set whose absent answers it lists. */
  keyAnswers?: string;
  conditions: RuleCondition;
  examples: RuleExample[];
  /** The file it came from, as shown in messages. */
  file: string;
}

export interface RuleSet {
  rules: LoadedRule[];
  keyAnswerSets: Map<string, AnswerName[]>;
  /** "sha256:" + hex over the canonicalised rule content (examples excluded). */
  version: string;
}

const KeyAnswerSetsSchema = z.record(
  z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a key-answer set name is camelCase'),
  z.array(z.enum(answerNames)).min(1),
);

const ExampleSchema = z.strictObject({
  name: z.string().min(1).optional(),
  call: CallSchema,
  expect: z.strictObject({
    disposition: z.enum(dispositions),
    acuity: z.enum(acuities),
    missing: z.array(z.enum(answerNames)).optional(),
  }),
});

function ruleFileSchema(keyAnswerSets: ReadonlySet<string>) {
  const condition = conditionSchema(factCatalog(keyAnswerSets));
  const RuleSchema = z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id is lower-case-with-dashes'),
      description: z.string().min(10).max(300),
      conditions: condition,
      event: z.strictObject({
        type: z.enum(stages),
        params: z.strictObject({
          disposition: z.enum(dispositions),
          acuity: z.enum(acuities),
          keyAnswers: z.string().optional(),
        }),
      }),
      examples: z.array(ExampleSchema).min(1, 'every rule needs at least one example'),
    })
    .superRefine((rule, ctx) => {
      const issue = (p: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path: p, message });
      if (
        rule.conditions.all === undefined &&
        rule.conditions.any === undefined &&
        !rule.conditions.not
      )
        issue(['conditions'], 'the top level must be "all", "any" or "not"');
      const { type, params } = rule.event;
      const outcome = stageOutcome[type];
      if (outcome.disposition && params.disposition !== outcome.disposition)
        issue(
          ['event', 'params', 'disposition'],
          `a ${type} rule must decide ${outcome.disposition}`,
        );
      if (!outcome.disposition && params.disposition === 'emergency_department')
        issue(['event', 'params', 'disposition'], `a ${type} rule decides an alternate pathway`);
      if (params.acuity !== outcome.acuity)
        issue(['event', 'params', 'acuity'], `a ${type} rule must have acuity ${outcome.acuity}`);
      if (type === 'missing_answers' && !params.keyAnswers)
        issue(['event', 'params', 'keyAnswers'], 'a missing_answers rule names its key-answer set');
      if (params.keyAnswers !== undefined && type !== 'missing_answers')
        issue(
          ['event', 'params', 'keyAnswers'],
          'only a missing_answers rule names a key-answer set',
        );
      if (params.keyAnswers !== undefined && !keyAnswerSets.has(params.keyAnswers))
        issue(['event', 'params', 'keyAnswers'], `unknown key-answer set "${params.keyAnswers}"`);
    });
  return z.strictObject({
    description: z.string().min(1),
    keyAnswers: KeyAnswerSetsSchema.optional(),
    rules: z.array(RuleSchema).default([]),
  });
}

type RuleFile = z.infer<ReturnType<typeof ruleFileSchema>>;

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

function toLoadedRules(file: string, data: RuleFile): LoadedRule[] {
  return data.rules.map((rule) => ({
    id: rule.id,
    description: rule.description,
    stage: rule.event.type,
    disposition: rule.event.params.disposition,
    acuity: rule.event.params.acuity,
    ...(rule.event.params.keyAnswers ? { keyAnswers: rule.event.params.keyAnswers } : {}),
    conditions: rule.conditions,
    examples: rule.examples,
    file,
  }));
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
    for (const rule of toLoadedRules(file, parsed.data)) {
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
      rules: parsed.data.rules.map(({ examples: _examples, ...logic }) => logic),
    });
  }
  const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return { rules, keyAnswerSets, version: `sha256:${hash}` };
}
