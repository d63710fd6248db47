/**
 * A command-line tool's result on standard output (its progress and faults go
 * to standard error). The server itself logs through pino, never here.
 */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}
