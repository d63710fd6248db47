import { z } from 'zod';
import type { FactKind } from './facts.js';

/** The json-rules-engine operators rules may use; all others are refused at load. */
export const operators = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
export type Operator = (typeof operators)[number];

const listOperators: ReadonlySet<string> = new Set(['in', 'notIn']);
const numericOperators: ReadonlySet<string> = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);
const knownOperators: ReadonlySet<string> = new Set(operators);

type Scalar = string | number | boolean;

/** A condition as json-rules-engine reads it, limited to flat facts and plain values. */
export interface RuleCondition {
  all?: RuleCondition[];
  any?: RuleCondition[];
  not?: RuleCondition;
  fact?: string;
  operator?: string;
  value?: Scalar | Scalar[];
  priority?: number;
}

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

function fitsKind(value: Scalar, kind: FactKind): boolean {
  if (kind.type === 'enum') return typeof value === 'string' && kind.values.includes(value);
  return typeof value === kind.type;
}

function describeKind(fact: string, kind: FactKind): string {
  if (kind.type === 'enum') return `one of ${fact}'s values (${kind.values.join(', ')})`;
  return `a ${kind.type}`;
}

function checkFactCondition(
  node: RuleCondition,
  catalog: ReadonlyMap<string, FactKind>,
  ctx: z.RefinementCtx,
): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (node.fact === undefined) issue(['fact'], 'missing "fact"');
  if (node.operator === undefined) issue(['operator'], 'missing "operator"');
  if (node.value === undefined) issue(['value'], 'missing "value"');
  if (node.fact === undefined || node.operator === undefined || node.value === undefined) return;

  const kind = catalog.get(node.fact);
  if (!kind) issue(['fact'], `unknown fact "${node.fact}"`);
  if (!knownOperators.has(node.operator))
    issue(['operator'], `unknown operator "${node.operator}"`);
  if (!kind || !knownOperators.has(node.operator)) return;

  const value = node.value;
  if (listOperators.has(node.operator)) {
    if (!Array.isArray(value) || value.length === 0) {
      issue(['value'], `"${node.operator}" needs a non-empty list`);
      return;
    }
    value.forEach((item, i) => {
      if (!fitsKind(item, kind))
        issue(['value', i], `${JSON.stringify(item)} is not ${describeKind(node.fact!, kind)}`);
    });
    return;
  }
  if (Array.isArray(value)) {
    issue(['value'], `"${node.operator}" compares with a single value, not a list`);
    return;
  }
  if (numericOperators.has(node.operator) && kind.type !== 'number') {
    issue(['operator'], `"${node.operator}" needs a numeric fact; "${node.fact}" is not`);
    return;
  }
  if (!fitsKind(value, kind))
    issue(['value'], `${JSON.stringify(value)} is not ${describeKind(node.fact, kind)}`);
}

/**
 * A zod schema for one condition tree: exactly one of all / any / not / a fact test
 * per node, known facts and operators only, values of the fact's type. Issues carry
 * the path of the fault so a rule author can find it.
 */
export function conditionSchema(catalog: ReadonlyMap<string, FactKind>): z.ZodType<RuleCondition> {
  const node: z.ZodType<RuleCondition> = z.lazy(() =>
    z
      .strictObject({
        all: z.array(node).min(1).optional(),
        any: z.array(node).min(1).optional(),
        not: node.optional(),
        fact: z.string().optional(),
        operator: z.string().optional(),
        value: z.union([ScalarSchema, z.array(ScalarSchema)]).optional(),
        priority: z.number().int().min(1).optional(),
      })
      .superRefine((cond, ctx) => {
        const groups = (['all', 'any', 'not'] as const).filter((k) => cond[k] !== undefined);
        const isTest =
          cond.fact !== undefined || cond.operator !== undefined || cond.value !== undefined;
        if (groups.length + (isTest ? 1 : 0) !== 1) {
          ctx.addIssue({
            code: 'custom',
            message:
              'a condition needs exactly one of "all", "any", "not" or "fact"/"operator"/"value"',
          });
          return;
        }
        if (isTest) checkFactCondition(cond, catalog, ctx);
      }),
  );
  return node;
}
