import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTriageEngine, defaultRulesDir } from '../../server/triage/engine.js';
import { RuleFileError, loadRuleSet } from '../../server/triage/rule-files.js';

const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the real rules in a temp dir, with one file changed by `edit`. */
async function rulesWith(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'altpath-rules-'));
  tempDirs.push(dir);
  await cp(defaultRulesDir, dir, { recursive: true });
  const target = path.join(dir, file);
  await writeFile(target, edit(await readFile(target, 'utf8')));
  return dir;
}

/** Edits one rule (by id) of a file through its parsed JSON. */
function editRule(id: string, change: (rule: Record<string, unknown>) => void) {
  return (text: string) => {
    const data = JSON.parse(text) as { rules: Record<string, unknown>[] };
    const rule = data.rules.find((r) => r.id === id);
    if (!rule) throw new Error(`no rule ${id}`);
    change(rule);
    return JSON.stringify(data, null, 2);
  };
}

async function loadError(dir: string): Promise<RuleFileError> {
  const error = await createTriageEngine({ rulesDir: dir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleFileError);
  return error as RuleFileError;
}

describe('rule files', () => {
  it('load, each rule with an id, a description and an example', async () => {
    const ruleSet = await loadRuleSet(defaultRulesDir);
    expect(ruleSet.rules.length).toBeGreaterThan(30);
    for (const rule of ruleSet.rules) {
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.examples.length).toBeGreaterThan(0);
    }
    expect(ruleSet.version).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses bad JSON, naming the file', async () => {
    const dir = await rulesWith('02-abnormal-vitals.json', (t) => t.replace('{', '{,'));
    expect((await loadError(dir)).message).toMatch(/02-abnormal-vitals\.json: invalid JSON/);
  });

  it('refuses an unknown operator, naming file, rule and path', async () => {
    const dir = await rulesWith(
      '03-exclusions.json',
      editRule('no-alternate-head-injury-anticoagulated', (rule) => {
        (rule.conditions as { all: { operator: string }[] }).all[1]!.operator = 'equalz';
      }),
    );
    expect((await loadError(dir)).message).toContain(
      '03-exclusions.json: rule "no-alternate-head-injury-anticoagulated": conditions.all[1].operator: unknown operator "equalz"',
    );
  });

  it('refuses an unknown fact', async () => {
    const dir = await rulesWith(
      '01-red-flags.json',
      editRule('red-flag-anaphylaxis', (rule) => {
        (rule.conditions as { all: { fact: string }[] }).all[0]!.fact = 'anaphylaxsis';
      }),
    );
    expect((await loadError(dir)).message).toContain(
      '01-red-flags.json: rule "red-flag-anaphylaxis": conditions.all[0].fact: unknown fact "anaphylaxsis"',
    );
  });

  it('refuses a value the fact can never have (a misspelt complaint)', async () => {
    const dir = await rulesWith('01-red-flags.json', (t) =>
      t.replace('"value": "chest_pain"', '"value": "chest-pain"'),
    );
    expect((await loadError(dir)).message).toMatch(
      /rule "red-flag-complaint-chest-pain": conditions\.all\[0\]\.value: "chest-pain" is not one of complaint's values/,
    );
  });

  it('refuses a malformed condition', async () => {
    const dir = await rulesWith(
      '04-key-answers.json',
      editRule('fall-answers-missing', (rule) => {
        const all = (rule.conditions as { all: Record<string, unknown>[] }).all;
        all[1] = { fact: 'missingForFallHomeVisit', any: [], value: 0 };
      }),
    );
    const message = (await loadError(dir)).message;
    expect(message).toContain(
      '04-key-answers.json: rule "fall-answers-missing": conditions.all[1]',
    );
  });

  it('refuses an unknown field in a condition, naming it', async () => {
    const dir = await rulesWith(
      '05-pathways.json',
      editRule('chronic-cp-clinic', (rule) => {
        (rule.conditions as { all: Record<string, unknown>[] }).all[0]!.operater = 'equal';
      }),
    );
    expect((await loadError(dir)).message).toContain(
      'rule "chronic-cp-clinic": conditions.all[0].operater: unknown field',
    );
  });

  it('refuses a duplicate rule id across files', async () => {
    const dir = await rulesWith('05-pathways.json', (t) =>
      t.replace('"id": "fall-home-visit"', '"id": "red-flag-seizure-now"'),
    );
    expect((await loadError(dir)).message).toMatch(
      /05-pathways\.json: rule "red-flag-seizure-now": id: duplicate rule id \(also in .*01-red-flags\.json\)/,
    );
  });

  it('refuses a red-flag rule that would offer an alternate pathway', async () => {
    const dir = await rulesWith(
      '01-red-flags.json',
      editRule('red-flag-stroke-signs', (rule) => {
        (rule.event as { params: { disposition: string } }).params.disposition = 'home_visit';
      }),
    );
    expect((await loadError(dir)).message).toContain(
      'rule "red-flag-stroke-signs": event.params.disposition: a red_flag rule must decide emergency_department',
    );
  });

  it('refuses a rule without examples and an example that is not a valid call', async () => {
    const dir = await rulesWith(
      '02-abnormal-vitals.json',
      editRule('abnormal-vital-gcs', (rule) => {
        rule.examples = [];
      }),
    );
    expect((await loadError(dir)).message).toContain(
      'rule "abnormal-vital-gcs": examples: every rule needs at least one example',
    );
    const dir2 = await rulesWith('02-abnormal-vitals.json', (t) =>
      t.replace('"gcs": 14', '"gcs": 2'),
    );
    expect((await loadError(dir2)).message).toMatch(
      /rule "abnormal-vital-gcs": examples\[0\]\.call\.vitals\.gcs:/,
    );
  });

  it('has a version that ignores layout and examples but not content', async () => {
    const { version } = await loadRuleSet(defaultRulesDir);
    const compact = await rulesWith('03-exclusions.json', (t) => JSON.stringify(JSON.parse(t)));
    expect((await loadRuleSet(compact)).version).toBe(version);
    const newExample = await rulesWith('05-pathways.json', (t) =>
      t.replace('"name": "lift assist"', '"name": "lift assist at night"'),
    );
    expect((await loadRuleSet(newExample)).version).toBe(version);
    const reworded = await rulesWith('05-pathways.json', (t) =>
      t.replace('offer a home visit.', 'offer a visit at home.'),
    );
    expect((await loadRuleSet(reworded)).version).not.toBe(version);
  });

  it('reads every *.json in sorted order and nothing else', async () => {
    const names = (await readdir(defaultRulesDir)).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(5);
    const files = [
      ...new Set((await loadRuleSet(defaultRulesDir)).rules.map((r) => path.basename(r.file))),
    ];
    // The notes' phrase list is a file of data without rules of its own.
    expect(files).toEqual([...names].sort().filter((n) => n !== '07-notes-screen.json'));
  });

  it('refuses a notes phrase that is not a regular expression, and a second phrase list', async () => {
    const bad = await rulesWith('07-notes-screen.json', (t) => {
      const data = JSON.parse(t) as { notesScreen: { phrases: { pattern: string }[] } };
      data.notesScreen.phrases[0]!.pattern = '(unclosed';
      return JSON.stringify(data);
    });
    expect((await loadError(bad)).message).toMatch(
      /07-notes-screen\.json: notesScreen\.phrases\[0\]\.pattern: is not a valid regular expression/,
    );
    const twice = await rulesWith('01-red-flags.json', (t) => {
      const data = JSON.parse(t) as Record<string, unknown>;
      data.notesScreen = {
        negationWindowWords: 3,
        negations: ['no'],
        pseudoNegations: [],
        clauseBreaks: ['.'],
        phrases: [{ id: 'x', pattern: 'xx', severity: 'urgent', ask: ['fever'], meaning: 'xxx' }],
      };
      return JSON.stringify(data);
    });
    expect((await loadError(twice)).message).toMatch(/notesScreen: declared twice/);
  });

  it('refuses a modifier that applies to the emergency department or a check without an id', async () => {
    const ed = await rulesWith(
      '06-urgency-and-checks.json',
      editRule('alternate-urgent-unable-to-get-up', (rule) => {
        rule.event = { type: 'urgent', params: { appliesTo: ['emergency_department'] } };
      }),
    );
    expect((await loadError(ed)).message).toMatch(
      /rule "alternate-urgent-unable-to-get-up": event\.params\.appliesTo\[0\]/,
    );
    const noId = await rulesWith(
      '06-urgency-and-checks.json',
      editRule('home-visit-support-check', (rule) => {
        rule.event = { type: 'check', params: { appliesTo: ['home_visit'] } };
      }),
    );
    expect((await loadError(noId)).message).toMatch(
      /event\.params\.check: a check rule names its check/,
    );
  });
});
