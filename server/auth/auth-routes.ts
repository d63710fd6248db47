import { Router } from 'express';
import { parseInput } from '../http/parse.js';
import { contextOf, originOf } from './request-context.js';
import { ChangePasswordSchema, LoginSchema } from './auth-schema.js';
import type { AuthService } from './auth-service.js';
import { actorOf, requireRole } from './require-role.js';
import { roles } from './roles.js';
import { SESSION_COOKIE } from './session-token.js';
import { describeRoute } from '../http/route-docs.js';
import { z } from 'zod';
import { SignedInUserSchema } from '../../shared/users.js';

const SignedInSchema = z.object({
  token: z.string().meta({ description: 'For `Authorization: Bearer`; the cookie is also set' }),
  user: SignedInUserSchema,
});

describeRoute('post', '/api/auth/login', {
  tag: 'auth',
  summary: 'Sign in: sets the session cookie and returns a bearer token',
  roles: 'public',
  body: LoginSchema,
  response: { description: 'Signed in', schema: SignedInSchema },
  errors: {
    401: 'Wrong email or password, or the account is disabled',
    429: 'Too many failed sign-ins: wait for `Retry-After` seconds',
  },
});
describeRoute('post', '/api/auth/logout', {
  tag: 'auth',
  summary: 'Sign out: ends the session and its sockets',
  roles,
  response: { status: 204, description: 'Signed out' },
});
describeRoute('get', '/api/me', {
  tag: 'auth',
  summary: 'Who is signed in',
  roles,
  response: { description: 'The signed-in user', schema: z.object({ user: SignedInUserSchema }) },
});

describeRoute('post', '/api/me/password', {
  tag: 'auth',
  summary:
    'Change your own password: the current one is required; your other sessions (and their sockets) end, this one stays',
  roles,
  body: ChangePasswordSchema,
  response: {
    description: 'Changed',
    schema: z.object({
      endedSessions: z.number().int().meta({ description: 'Other sessions the change ended' }),
    }),
  },
  errors: {
    400: 'The current password is not correct, or the new one is too short or unchanged',
    429: 'Too many wrong passwords: wait for `Retry-After` seconds',
  },
});

export function authRouter(deps: {
  auth: AuthService;
  secureCookies: boolean;
  /** Ends the session's sockets too (on every process). */
  onSignedOut?: (sessionId: string) => void;
  /** Drops the sockets of sessions a password change ended (on every process). */
  onSessionsEnded?: (sessionIds: string[]) => void;
}): Router {
  const router = Router();
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.secureCookies,
    path: '/',
  };

  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseInput(LoginSchema, req.body, 'invalid_request', 'sign-in');
    const signedIn = await deps.auth.login(email, password, originOf(req));
    res.cookie(SESSION_COOKIE, signedIn.token, { ...cookieOptions, expires: signedIn.expiresAt });
    res.json({ token: signedIn.token, user: signedIn.user });
  });

  router.post('/auth/logout', requireRole(...roles), async (req, res) => {
    const context = contextOf(req);
    await deps.auth.logout(context);
    deps.onSignedOut?.(context.actor.sessionId);
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.status(204).end();
  });

  router.post('/me/password', requireRole(...roles), async (req, res) => {
    const input = parseInput(ChangePasswordSchema, req.body, 'invalid_request', 'password change');
    const { endedSessions } = await deps.auth.changePassword(contextOf(req), input);
    deps.onSessionsEnded?.(endedSessions);
    res.json({ endedSessions: endedSessions.length });
  });

  router.get('/me', requireRole(...roles), (req, res) => {
    const actor = actorOf(req);
    res.json({
      user: {
        id: actor.id,
        email: actor.email,
        role: actor.role,
        unitId: actor.unitId,
        destinationId: actor.destinationId,
      },
    });
  });

  return router;
}
