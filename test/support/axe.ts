// axe-core, from the npm registry, injected into a page under test: every page
// and state a browser test reaches is checked, and a serious or critical
// violation fails the test with what and where.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeCheck {
  /** What was checked, for the test's log. */
  state: string;
  rules: number;
  violations: Result[];
}

/** Runs axe on the page as it is now; returns the serious and critical violations. */
export async function axeCheck(page: Page, state: string): Promise<AxeCheck> {
  // Injected by evaluate (not a <script> tag), so the page's CSP does not stop it.
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<AxeResults> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const violations = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  return { state, rules: results.passes.length + results.violations.length, violations };
}

/** Every serious or critical violation as one readable line: rule, impact, where. */
export function describeViolations(check: AxeCheck): string[] {
  return check.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${check.state}: ${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
}

/** Checks the page and throws on any serious or critical violation. */
export async function expectAccessible(page: Page, state: string): Promise<AxeCheck> {
  const check = await axeCheck(page, state);
  const lines = describeViolations(check);
  if (lines.length)
    throw new Error(`axe-core found ${lines.length} problem(s):\n${lines.join('\n')}`);
  return check;
}
