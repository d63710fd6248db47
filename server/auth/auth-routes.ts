import { Router, type Request } from 'express';
import { parseInput } from '../http/parse.js';
import { LoginSchema } from './auth-schema.js';
import type { AuthService, RequestOrigin } from './auth-service.js';
import { actorOf, requireRole } from './require-role.js';
import { roles } from './roles.js';
import { SESSION_COOKIE } from './session-token.js';

export function originOf(req: Request): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null };
}

export function authRouter(deps: {
  auth: AuthService;
  secureCookies: boolean;
  /** Ends the session's sockets too (on every process). */
  onSignedOut?: (sessionId: string) => void;
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
    const actor = actorOf(req);
    await deps.auth.logout(actor, originOf(req));
    deps.onSignedOut?.(actor.sessionId);
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.status(204).end();
  });

  router.get('/me', requireRole(...roles), (req, res) => {
    const actor = actorOf(req);
    res.json({
      user: { id: actor.id, email: actor.email, role: actor.role, unitId: actor.unitId },
    });
  });

  return router;
}
