import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import type { Queryable } from '../db/database.js';
import { AppError } from './errors.js';
import { DatabaseRateLimitStore } from './rate-limit-store.js';

export interface RateLimitConfig {
  API_RATE_PER_MIN: number;
}

/** The client's address, IPv6 grouped by /56 so one host cannot rotate through its prefix. */
const addressKey = (ip: string | undefined) => ipKeyGenerator(ip ?? 'unknown');

/**
 * Shared options: standard `RateLimit` headers plus `Retry-After`, and the 429
 * goes through the error middleware so it has our error shape and request id.
 * Counters are in the database: N processes mean one limit.
 */
function limiter(q: Queryable, prefix: string, options: Partial<Options>): RequestHandler {
  return rateLimit({
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Our key generators do group addresses through ipKeyGenerator (addressKey).
    validate: { keyGeneratorIpFallback: false },
    store: new DatabaseRateLimitStore(q, prefix),
    handler: (_req, _res, next) =>
      next(new AppError(429, 'rate_limited', 'Too many requests: wait before trying again')),
    ...options,
  });
}

/**
 * Every API request, per signed-in user (so users behind one NAT do not share a
 * budget) or per address when anonymous. Mount after `authenticate`. Sign-ins
 * have their own throttle (auth/sign-in-throttle.ts).
 */
export function apiRateLimit(q: Queryable, config: RateLimitConfig): RequestHandler {
  return limiter(q, 'api:', {
    windowMs: 60_000,
    limit: config.API_RATE_PER_MIN,
    // Load balancers and monitors poll health; it must answer whatever the load.
    skip: (req) => req.path === '/health',
    keyGenerator: (req) => (req.actor ? `user:${req.actor.id}` : `ip:${addressKey(req.ip)}`),
  });
}
