import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { AppError } from './errors.js';

// Counters live in each process's memory. Behind several processes a client can
// get up to N times the limit; sticky sessions keep most clients on one process.

export interface RateLimitConfig {
  LOGIN_RATE_PER_ACCOUNT_15MIN: number;
  LOGIN_RATE_PER_IP_15MIN: number;
  API_RATE_PER_MIN: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/** The client's address, IPv6 grouped by /56 so one host cannot rotate through its prefix. */
const addressKey = (ip: string | undefined) => ipKeyGenerator(ip ?? 'unknown');

/**
 * Shared options: standard `RateLimit` headers plus `Retry-After`, and the 429
 * goes through the error middleware so it has our error shape and request id.
 */
function limiter(options: Partial<Options>): RequestHandler {
  return rateLimit({
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Our key generators do group addresses through ipKeyGenerator (addressKey).
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next) =>
      next(new AppError(429, 'rate_limited', 'Too many requests: wait before trying again')),
    ...options,
  });
}

/** The email a sign-in names, normalised as the auth service does; undefined when absent. */
function signInEmail(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || email.length > 254) return undefined;
  return email.trim().toLowerCase();
}

/**
 * Guessing protection for `POST /auth/login`. Only failed sign-ins count, so a
 * shared station where many people sign in is never locked out by success.
 */
export function signInRateLimits(config: RateLimitConfig): RequestHandler[] {
  const failedOnly = { windowMs: FIFTEEN_MINUTES, skipSuccessfulRequests: true };
  return [
    limiter({
      ...failedOnly,
      limit: config.LOGIN_RATE_PER_IP_15MIN,
      keyGenerator: (req) => `ip:${addressKey(req.ip)}`,
    }),
    limiter({
      ...failedOnly,
      limit: config.LOGIN_RATE_PER_ACCOUNT_15MIN,
      // A body without an email is refused by validation; nothing to count per account.
      skip: (req) => signInEmail(req.body) === undefined,
      keyGenerator: (req) => `account:${signInEmail(req.body) ?? ''}`,
    }),
  ];
}

/**
 * Every API request, per signed-in user (so users behind one NAT do not share a
 * budget) or per address when anonymous. Mount after `authenticate`.
 */
export function apiRateLimit(config: RateLimitConfig): RequestHandler {
  return limiter({
    windowMs: 60_000,
    limit: config.API_RATE_PER_MIN,
    // Load balancers and monitors poll health; it must answer whatever the load.
    skip: (req) => req.path === '/health',
    keyGenerator: (req) => (req.actor ? `user:${req.actor.id}` : `ip:${addressKey(req.ip)}`),
  });
}
