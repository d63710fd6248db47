import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import {
  IDEMPOTENCY_HEADER,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  parseIdempotencyKey,
  requestFingerprint,
} from './idempotency-key.js';
import {
  claimKey,
  completeKey,
  findKey,
  releaseKey,
  type KeyRef,
} from './idempotency-repository.js';

export interface IdempotencyOptions {
  db: Database;
  logger: Logger;
  /** How long an answer is replayed; the issue asks for at least 24 h. */
  ttlHours?: number;
  /** After this long an unfinished claim is presumed abandoned by a crashed process. */
  leaseSeconds?: number;
}

// Transient refusals: replaying them would keep a retry from ever getting through.
const transientStatuses = new Set([408, 429]);

/**
 * `Idempotency-Key` for write routes. Mount it on the routes it guards, after
 * authentication: keys are per user. The first request claims the key and runs;
 * its answer (2xx or 4xx) is stored before it is sent. A repeat of the same
 * request gets that answer again with `Idempotent-Replayed: true`; a repeat
 * while the first still runs gets 409 `idempotency_in_progress`; the same key
 * with another request gets 422 `idempotency_key_reused`. A 5xx releases the
 * key so that a retry runs. A claim never answered (the process died between
 * committing the work and recording the answer) lapses after `leaseSeconds`,
 * and the next repeat runs the request again.
 */
export function idempotency(options: IdempotencyOptions): RequestHandler {
  const { db, logger } = options;
  const ttlHours = options.ttlHours ?? 24;
  const leaseSeconds = options.leaseSeconds ?? 60;

  return async (req, res, next) => {
    const header = req.get(IDEMPOTENCY_HEADER);
    // Without a session the route answers 401 itself; there is nobody to scope the key to.
    if (header === undefined || !req.actor) return next();
    const ref: KeyRef = { userId: req.actor.id, key: parseIdempotencyKey(header) };
    const fingerprint = requestFingerprint(req.method, pathOf(req), req.body);

    const claimId = randomUUID();
    // A key released or expired between our claim and our read is claimable again, so retry a little.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await claimKey(db.query, { ...ref, fingerprint, claimId, ttlHours, leaseSeconds })) {
        recordAnswer(res, db, logger, ref, claimId);
        return next();
      }
      const existing = await findKey(db.query, ref);
      if (!existing) continue;
      if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      if (existing.state === 'in_progress') {
        res.setHeader('Retry-After', '1');
        throw new IdempotencyInProgressError();
      }
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(existing.status).json(JSON.parse(existing.body));
      return;
    }
    throw new IdempotencyInProgressError();
  };
}

function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

/**
 * Wraps res.json so the answer is stored before the client sees it: a client
 * that got an answer and retries is sure to be replayed that answer.
 */
function recordAnswer(
  res: Response,
  db: Database,
  logger: Logger,
  ref: KeyRef,
  claimId: string,
): void {
  const send = res.json.bind(res);
  let settled = false;

  // No 'close' handler: a client that hangs up does not stop the handler, and
  // releasing then would let its retry run alongside. The handler's res.json
  // still records the answer.
  res.json = (body: unknown) => {
    if (settled) return send(body);
    settled = true;
    const status = res.statusCode;
    const keep = status < 500 && !transientStatuses.has(status);
    const write = keep
      ? completeKey(db.query, ref, claimId, { status, body: JSON.stringify(body ?? null) })
      : releaseKey(db.query, ref, claimId);
    write
      .catch((err: unknown) =>
        logger.error({ err, status }, 'recording an idempotent answer failed'),
      )
      .finally(() => send(body));
    return res;
  };
}
