import { Router } from 'express';
import { originOf } from '../http/request-origin.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import type { DispatchContext } from '../dispatch/dispatch-context.js';
import { parseInput } from '../http/parse.js';
import { changeReferralStatus } from './change-referral-status.js';
import './referral-docs.js';
import { getReferral, listReferrals } from './referral-queries.js';
import {
  ListReferralsQuery,
  ReferralIdParams,
  ReferralStatusChangeSchema,
} from './referral-schemas.js';

export function referralRouter(ctx: DispatchContext): Router {
  const router = Router();
  const readers = requireRole('partner', 'dispatcher', 'admin', 'lead');

  router.get('/referrals', readers, async (req, res) => {
    const query = parseInput(ListReferralsQuery, req.query, 'invalid_query', 'query');
    res.json(
      await listReferrals(
        ctx.db,
        actorOf(req),
        { statuses: query.status, limit: query.limit },
        { roadSpeedKmh: ctx.roadSpeedKmh, ip: originOf(req).ip },
      ),
    );
  });

  router.get('/referrals/:id', readers, async (req, res) => {
    const { id } = parseInput(ReferralIdParams, req.params, 'invalid_request', 'referral id');
    res.json(
      await getReferral(ctx.db, actorOf(req), id, {
        roadSpeedKmh: ctx.roadSpeedKmh,
        ip: originOf(req).ip,
      }),
    );
  });

  router.post(
    '/referrals/:id/status',
    requireRole('partner', 'dispatcher', 'admin'),
    async (req, res) => {
      const { id } = parseInput(ReferralIdParams, req.params, 'invalid_request', 'referral id');
      const change = parseInput(
        ReferralStatusChangeSchema,
        req.body,
        'invalid_status_change',
        'status change',
      );
      res.json({
        referral: await changeReferralStatus(ctx, actorOf(req), id, change, originOf(req).ip),
      });
    },
  );

  return router;
}
