import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import './referral-docs.js';
import {
  ListReferralsQuery,
  ReferralIdParams,
  ReferralStatusChangeSchema,
} from './referral-schemas.js';
import type { ReferralService } from './referral-service.js';

export function referralRouter(referrals: ReferralService): Router {
  const router = Router();
  const readers = requireRole('partner', 'dispatcher', 'admin', 'lead');

  router.get('/referrals', readers, async (req, res) => {
    const query = parseInput(ListReferralsQuery, req.query, 'invalid_query', 'query');
    res.json(await referrals.list(contextOf(req), { statuses: query.status, limit: query.limit }));
  });

  router.get('/referrals/:id', readers, async (req, res) => {
    const { id } = parseInput(ReferralIdParams, req.params, 'invalid_request', 'referral id');
    res.json(await referrals.get(contextOf(req), id));
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
      res.json({ referral: await referrals.changeStatus(contextOf(req), id, change) });
    },
  );

  return router;
}
