import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config/config.js';
import { demoAccounts } from './db/seed.js';
import { startServer } from './boot.js';
import { RuleFileError } from './triage/rule-files.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const log = server.logger.child({ module: 'main' });

  // What a newcomer needs on the terminal, printed plainly rather than as JSON.
  process.stdout.write(`\naltpath is running at ${server.url}\n`);
  if (config.seedDemoAccounts) {
    const password =
      config.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD ? DEFAULT_DEMO_PASSWORD : '(DEMO_PASSWORD)';
    process.stdout.write(`Demo accounts, password ${password}:\n`);
    for (const account of demoAccounts)
      process.stdout.write(`  ${account.role.padEnd(10)} ${account.email}\n`);
  }
  process.stdout.write('\n');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  // Configuration and rule-file faults are the operator's to fix: one clear line.
  if (err instanceof ConfigError || err instanceof RuleFileError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `altpath failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
