import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ValidationError } from '../http/errors.js';
import { RuleFileError, loadRuleSet } from '../triage/rule-files.js';
import type { RuleSet } from '../triage/rule-files.js';

/**
 * Loads uploaded candidate rule files through the very loader the server starts with, so a
 * candidate is validated exactly as `rules/` is. The files go to a private temp directory that
 * is removed afterwards; a request never names a path on the server.
 */
export async function loadUploadedRuleSet(files: Record<string, unknown>): Promise<RuleSet> {
  const dir = await mkdtemp(path.join(tmpdir(), 'altpath-candidate-rules-'));
  try {
    for (const [name, content] of Object.entries(files))
      await writeFile(path.join(dir, path.basename(name)), JSON.stringify(content), 'utf8');
    return await loadRuleSet(dir);
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    // Messages name the uploaded file ("05-pathways.json: rule …"), not the temp directory.
    const problems = error.problems.map((p) => p.split(`${dir}${path.sep}`).join(''));
    const file = path.basename(error.file);
    throw new ValidationError(
      'invalid_rules',
      `Invalid candidate rules: ${problems.join('; ')}`,
      problems.map((message) => ({ path: `rules.files.${file}`, message })),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
