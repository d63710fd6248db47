import type { z } from 'zod';
import { toFieldIssues } from '../http/errors.js';
import { toAppError } from '../http/known-errors.js';
import type { Logger } from '../logging/logger.js';
import type { Ack } from '../../shared/event-contract.js';

/**
 * Wraps a client→server event: parses the payload with zod, runs the handler and
 * always answers through the acknowledgement, `{ ok: true, data }` or
 * `{ ok: false, error }`. A handler's fault never reaches socket.io.
 */
export function socketHandler<S extends z.ZodType, T>(
  schema: S,
  logger: Logger,
  handle: (input: z.infer<S>) => Promise<T>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply = (result: Ack<T>) => {
      if (typeof ack === 'function') (ack as (r: Ack<T>) => void)(result);
    };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({
        ok: false,
        error: {
          code: 'invalid_payload',
          message: 'Invalid payload',
          issues: toFieldIssues(parsed.error),
        },
      });
      return;
    }
    handle(parsed.data).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => {
        const known = toAppError(err);
        if (known) {
          reply({
            ok: false,
            error: {
              code: known.code,
              message: known.message,
              ...(known.issues ? { issues: known.issues } : {}),
            },
          });
          return;
        }
        logger.error({ err }, 'socket handler failed');
        reply({
          ok: false,
          error: { code: 'internal_error', message: 'Something went wrong on our side' },
        });
      },
    );
  };
}
