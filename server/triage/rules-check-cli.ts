import { defaultRulesDir, triageEngineFor } from './engine.js';
import { RuleFileError, loadRuleSet } from './rule-files.js';
import { runRuleExamples } from './rule-examples.js';
import { printLine } from '../cli/print-line.js';

/** `npm run rules:check [-- DIR]`: validates the rule files and runs every rule's examples. */
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
  const files = new Set(ruleSet.rules.map((r) => r.file)).size;
  printLine(
    `rules:check: ${ruleSet.rules.length} rules in ${files} files, ` +
      `${outcomes.length - failures.length}/${outcomes.length} examples passed, ${ruleSet.version}`,
  );
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
