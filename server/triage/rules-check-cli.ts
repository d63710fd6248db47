import { defaultRulesDir, triageEngineFor } from './engine.js';
import { RuleFileError, loadRuleSet } from './rule-files.js';
import { runRuleExamples } from './rule-examples.js';
import { answersReadByRules } from './answers-read.js';
import { printLine } from '../cli/print-line.js';

/**
 * `npm run rules:check [-- DIR]`: validates the rule files, runs every rule's examples and
 * reports which answers each rule reads; fails on a failing example or an answer no rule reads.
 */
async function main(): Promise<number> {
  const rulesDir = process.argv[2] ?? defaultRulesDir;
  let ruleSet;
  try {
    ruleSet = await loadRuleSet(rulesDir);
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    console.error(`rules:check: invalid rule files\n${error.message}`);
    return 1;
  }
  const outcomes = await runRuleExamples(ruleSet, triageEngineFor(ruleSet));
  const failures = outcomes.filter((o) => !o.ok);
  for (const f of failures)
    console.error(
      `FAIL ${f.file}: rule "${f.rule}": example "${f.example}": ${f.problems.join('; ')}`,
    );
  const { byRule, unread } = answersReadByRules(ruleSet);
  for (const [rule, answers] of byRule)
    printLine(
      `  ${rule}: ${answers.length ? answers.join(', ') : '(no answers: complaint, age or vitals)'}`,
    );
  for (const answer of unread) console.error(`FAIL answer "${answer}" is read by no rule`);
  const files = new Set(ruleSet.rules.map((r) => r.file)).size;
  printLine(
    `rules:check: ${ruleSet.rules.length} rules in ${files} files, ` +
      `${outcomes.length - failures.length}/${outcomes.length} examples passed, ` +
      `${unread.length === 0 ? 'every answer is read' : `${unread.length} answers read by no rule`}, ${ruleSet.version}`,
  );
  return failures.length === 0 && unread.length === 0 ? 0 : 1;
}

process.exitCode = await main();
