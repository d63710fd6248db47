import { answerNames } from '../../shared/call-schema.js';
import type { AnswerName } from '../../shared/call-schema.js';
import { answersReadBy } from './facts.js';
import type { RuleCondition } from './rule-conditions.js';
import type { RuleSet } from './rule-files.js';

function factsOf(node: RuleCondition, into: Set<string>): Set<string> {
  if (node.fact !== undefined) into.add(node.fact);
  for (const child of [...(node.all ?? []), ...(node.any ?? [])]) factsOf(child, into);
  if (node.not) factsOf(node.not, into);
  return into;
}

/**
 * Which contract answers each rule reads: directly, through a key-answer set it counts,
 * or through a derived fact (NEWS2 reads onOxygen, spo2Scale2 and newConfusion; the notes
 * screen reads the answers its phrases ask about). An answer no rule reads is a question
 * the call-taker is asked for nothing, or a rule that was forgotten.
 */
export function answersReadByRules(ruleSet: RuleSet): {
  byRule: Map<string, AnswerName[]>;
  unread: AnswerName[];
} {
  const phrases = ruleSet.notesScreenData?.phrases ?? [];
  const asks = (severity: string) =>
    phrases.filter((p) => p.severity === severity).flatMap((p) => p.ask);
  const notesAsks = { emergency: asks('emergency'), urgent: asks('urgent') };
  const context = { keyAnswerSets: ruleSet.keyAnswerSets, notesAsks };
  const byRule = new Map<string, AnswerName[]>();
  const read = new Set<AnswerName>();
  for (const rule of ruleSet.rules) {
    const answers = new Set<AnswerName>();
    for (const fact of factsOf(rule.conditions, new Set()))
      for (const answer of answersReadBy(fact, context)) answers.add(answer);
    if (rule.keyAnswers)
      for (const answer of ruleSet.keyAnswerSets.get(rule.keyAnswers) ?? []) answers.add(answer);
    const ordered = answerNames.filter((name) => answers.has(name));
    byRule.set(rule.id, ordered);
    for (const answer of ordered) read.add(answer);
  }
  return { byRule, unread: answerNames.filter((name) => !read.has(name)) };
}
