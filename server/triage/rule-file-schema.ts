import { z } from 'zod';
import { CallSchema, acuities, answerNames, dispositions } from '../../shared/call-schema.js';
import type { Acuity, AnswerName, Call, Disposition } from '../../shared/call-schema.js';
import { factCatalog } from './facts.js';
import { NotesScreenSchema, noteSeverities } from './notes-screen.js';
import type { NoteSeverity } from './notes-screen.js';
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

/**
 * Rules that shape an alternate pathway without choosing it: `urgent` raises its acuity,
 * `check` adds something to confirm on scene. They run with the pathway rules and count only
 * when a pathway they apply to was chosen.
 */
export const modifierTypes = ['urgent', 'check'] as const;
export type ModifierType = (typeof modifierTypes)[number];

/** What each stage may decide; a rule that says otherwise is refused (fail safe by construction). */
const stageOutcome: Record<Stage, { disposition?: Disposition; acuity: Acuity }> = {
  red_flag: { disposition: 'emergency_department', acuity: 'emergency' },
  abnormal_vital: { disposition: 'emergency_department', acuity: 'urgent' },
  no_alternate: { disposition: 'emergency_department', acuity: 'urgent' },
  missing_answers: { disposition: 'emergency_department', acuity: 'urgent' },
  pathway: { acuity: 'non_urgent' },
};

const alternates = dispositions.filter((d) => d !== 'emergency_department') as [
  Disposition,
  ...Disposition[],
];

export interface RuleExample {
  name?: string;
  call: Call;
  expect: {
    disposition: Disposition;
    acuity: Acuity;
    missing?: AnswerName[];
    /** The ids of the checks the decision must carry, in any order. */
    checks?: string[];
  };
}

export interface Modifier {
  type: ModifierType;
  appliesTo: Disposition[];
  /** For a check: its id. */
  check?: string;
  /** For a check: append the vital signs of a complete set not yet measured. */
  listsMissingVitals?: boolean;
}

export interface LoadedRule {
  id: string;
  description: string;
  /** A modifier runs with the pathway stage. */
  stage: Stage;
  disposition: Disposition;
  acuity: Acuity;
  /** For a missing-answers rule: the key-answer set whose absent answers it lists. */
  keyAnswers?: string;
  /** Reasons quote the notes' red-flag phrases of this severity. */
  quotesNotes?: NoteSeverity;
  modifier?: Modifier;
  conditions: RuleCondition;
  examples: RuleExample[];
  /** The file it came from, as shown in messages. */
  file: string;
}

export const KeyAnswerSetsSchema = z.record(
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
    checks: z.array(z.string()).optional(),
  }),
});

const StageEventSchema = z.strictObject({
  type: z.enum(stages),
  params: z.strictObject({
    disposition: z.enum(dispositions),
    acuity: z.enum(acuities),
    keyAnswers: z.string().optional(),
    quotesNotes: z.enum(noteSeverities).optional(),
  }),
});
const ModifierEventSchema = z.strictObject({
  type: z.enum(modifierTypes),
  params: z.strictObject({
    appliesTo: z.array(z.enum(alternates)).min(1),
    check: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .optional(),
    listsMissingVitals: z.boolean().optional(),
  }),
});

type ModifierEvent = z.infer<typeof ModifierEventSchema>;
const isModifierEvent = (event: { type: string }): event is ModifierEvent =>
  (modifierTypes as readonly string[]).includes(event.type);

type Issue = (path: (string | number)[], message: string) => void;

function checkStageEvent(
  event: z.infer<typeof StageEventSchema>,
  sets: ReadonlySet<string>,
  issue: Issue,
) {
  const { type, params } = event;
  const outcome = stageOutcome[type];
  const at = (k: string) => ['event', 'params', k];
  if (outcome.disposition && params.disposition !== outcome.disposition)
    issue(at('disposition'), `a ${type} rule must decide ${outcome.disposition}`);
  if (!outcome.disposition && params.disposition === 'emergency_department')
    issue(at('disposition'), `a ${type} rule decides an alternate pathway`);
  if (params.acuity !== outcome.acuity)
    issue(at('acuity'), `a ${type} rule must have acuity ${outcome.acuity}`);
  if (type === 'missing_answers' && !params.keyAnswers)
    issue(at('keyAnswers'), 'a missing_answers rule names its key-answer set');
  if (params.keyAnswers !== undefined && type !== 'missing_answers')
    issue(at('keyAnswers'), 'only a missing_answers rule names a key-answer set');
  if (params.keyAnswers !== undefined && !sets.has(params.keyAnswers))
    issue(at('keyAnswers'), `unknown key-answer set "${params.keyAnswers}"`);
  if (params.quotesNotes !== undefined && outcome.disposition !== 'emergency_department')
    issue(at('quotesNotes'), 'only a rule that decides the emergency department quotes the notes');
}

function checkModifierEvent(event: z.infer<typeof ModifierEventSchema>, issue: Issue) {
  const at = (k: string) => ['event', 'params', k];
  if (event.type === 'check' && !event.params.check)
    issue(at('check'), 'a check rule names its check');
  if (event.type !== 'check' && event.params.check !== undefined)
    issue(at('check'), 'only a check rule names a check');
  if (event.type !== 'check' && event.params.listsMissingVitals !== undefined)
    issue(at('listsMissingVitals'), 'only a check rule lists missing vital signs');
}

export function ruleFileSchema(keyAnswerSets: ReadonlySet<string>) {
  const condition = conditionSchema(factCatalog(keyAnswerSets));
  const RuleSchema = z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id is lower-case-with-dashes'),
      description: z.string().min(10).max(400),
      conditions: condition,
      event: z.discriminatedUnion('type', [StageEventSchema, ModifierEventSchema]),
      examples: z.array(ExampleSchema).min(1, 'every rule needs at least one example'),
    })
    .superRefine((rule, ctx) => {
      const issue: Issue = (p, message) => ctx.addIssue({ code: 'custom', path: p, message });
      if (
        rule.conditions.all === undefined &&
        rule.conditions.any === undefined &&
        !rule.conditions.not
      )
        issue(['conditions'], 'the top level must be "all", "any" or "not"');
      if (isModifierEvent(rule.event)) checkModifierEvent(rule.event, issue);
      else checkStageEvent(rule.event as z.infer<typeof StageEventSchema>, keyAnswerSets, issue);
    });
  return z.strictObject({
    description: z.string().min(1),
    keyAnswers: KeyAnswerSetsSchema.optional(),
    notesScreen: NotesScreenSchema.optional(),
    rules: z.array(RuleSchema).default([]),
  });
}

export type RuleFile = z.infer<ReturnType<typeof ruleFileSchema>>;
type ParsedRule = RuleFile['rules'][number];

export function toLoadedRule(file: string, rule: ParsedRule): LoadedRule {
  const base = {
    id: rule.id,
    description: rule.description,
    conditions: rule.conditions,
    examples: rule.examples,
    file,
  };
  const event = rule.event;
  if (isModifierEvent(event)) {
    const { appliesTo, check, listsMissingVitals } = event.params;
    return {
      ...base,
      stage: 'pathway',
      // Never read for a modifier; kept so that every rule has a complete outcome.
      disposition: appliesTo[0] ?? 'emergency_department',
      acuity: event.type === 'urgent' ? 'urgent' : 'non_urgent',
      modifier: {
        type: event.type,
        appliesTo,
        ...(check ? { check } : {}),
        ...(listsMissingVitals ? { listsMissingVitals } : {}),
      },
    };
  }
  const { disposition, acuity, keyAnswers, quotesNotes } = (
    event as z.infer<typeof StageEventSchema>
  ).params;
  return {
    ...base,
    stage: event.type,
    disposition,
    acuity,
    ...(keyAnswers ? { keyAnswers } : {}),
    ...(quotesNotes ? { quotesNotes } : {}),
  };
}
