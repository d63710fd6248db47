import { Router, type Request, type Response } from 'express';
import { actorOf, requireRole } from '../auth/require-role.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import { ListQuery, StatsQuery, TimeseriesQuery } from './stats-schemas.js';
import { statsServiceFactory, type StatsService, type Viewer } from './stats-service.js';
import { describeRoute } from '../http/route-docs.js';
import { localDateLabel } from '../time/local-date.js';
import { z } from 'zod';
import {
  partnershipCsv,
  partnershipFigures,
  PartnershipFiguresSchema,
} from './partnership-figures.js';
import type { StatsFilter } from './stats-schemas.js';
import {
  MissedOpportunitiesSchema,
  RecontactsSchema,
  StatsSummarySchema,
  StatsTimeseriesSchema,
} from '../../shared/stats.js';
import type { Out } from '../../shared/wire-parts.js';

// The dashboard reads these answers with shared/stats.ts's schemas: checked here against
// what the service builds, so a figure added to one and not the other fails `tsc`.
type Stats = { [K in keyof StatsService]: Awaited<ReturnType<StatsService[K]>> };
StatsSummarySchema satisfies Out<Stats['summary']>;
StatsTimeseriesSchema satisfies Out<Stats['timeseries']>;
RecontactsSchema satisfies Out<Stats['recontacts']>;
MissedOpportunitiesSchema satisfies Out<Stats['missedOpportunities']>;

export interface StatsRouterDeps {
  db: Database;
  config: Pick<
    Config,
    'SERVICE_TIME_ZONE' | 'COST_AVOIDED_PER_DIVERSION' | 'CURRENCY' | 'SESSION_SECRET'
  >;
}

const viewerOf = (req: Request): Viewer => (actorOf(req).role === 'admin' ? 'admin' : 'lead');

const statsDoc = { tag: 'stats', roles: ['lead', 'admin'] } as const;
const period = { 400: 'A bad period (more than five years, or `to` before `from`)' };
describeRoute('get', '/api/stats/summary', {
  ...statsDoc,
  summary: 'Programme figures over a period: diversion, safety, processing times',
  query: StatsQuery,
  response: { description: 'The figures', schema: StatsSummarySchema },
  errors: period,
});
describeRoute('get', '/api/stats/timeseries', {
  ...statsDoc,
  summary: 'The same figures per day, week or month',
  query: TimeseriesQuery,
  response: { description: 'One entry per bucket', schema: StatsTimeseriesSchema },
  errors: period,
});
describeRoute('get', '/api/stats/recontacts', {
  ...statsDoc,
  summary: 'Diverted patients who called again within 72 h (de-identified)',
  query: ListQuery,
  response: { description: 'The re-contacts', schema: RecontactsSchema },
  errors: period,
});
describeRoute('get', '/api/stats/missed-opportunities', {
  ...statsDoc,
  summary: 'Calls that could have been diverted and were not (de-identified)',
  query: ListQuery,
  response: { description: 'The missed opportunities', schema: MissedOpportunitiesSchema },
  errors: period,
});
describeRoute('get', '/api/stats/export.csv', {
  ...statsDoc,
  summary: 'The attendances behind the figures, as CSV (de-identified for leads)',
  query: StatsQuery,
  response: { description: 'A CSV file, streamed', contentType: 'text/csv' },
  errors: period,
});

describeRoute('get', '/api/stats/referrals', {
  ...statsDoc,
  summary:
    'Receiving sites: referral acceptance, declines by reason, time to acceptance, handover against ED offload times, outcomes',
  query: StatsQuery,
  response: { description: 'Per site and for all sites', schema: PartnershipFiguresSchema },
  errors: period,
});
describeRoute('get', '/api/stats/referrals.csv', {
  ...statsDoc,
  summary: 'The same figures as CSV, one line per site and one for all sites',
  query: StatsQuery,
  response: { description: 'A CSV file', contentType: 'text/csv' },
  errors: period,
});

describeRoute('get', '/api/stats/extent', {
  ...statsDoc,
  summary: 'The first and last days (service time zone) on which calls were received',
  response: {
    description: 'Local dates, or null when there are no calls',
    schema: z.object({ first: z.string().nullable(), last: z.string().nullable() }),
  },
});

/** Programme statistics for service leads (and admins); no patient identities leave here. */
export function statsRouter({ db, config }: StatsRouterDeps): Router {
  const stats = statsServiceFactory({
    db,
    timeZone: config.SERVICE_TIME_ZONE,
    cost: { perDiversion: config.COST_AVOIDED_PER_DIVERSION, currency: config.CURRENCY },
    secret: config.SESSION_SECRET,
  });
  const router = Router();
  const leads = requireRole('lead', 'admin');
  const zone = config.SERVICE_TIME_ZONE;
  // The days the page shows: local dates in the service's zone, `to` included (the filter's end is exclusive).
  const csvName = (what: string, filter: StatsFilter) =>
    `altpath-${what}-${localDateLabel(filter.from, zone)}-to-${localDateLabel(new Date(filter.to.getTime() - 1), zone)}.csv`;
  const sendCsv = (res: Response, name: string) => {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
  };

  router.get('/stats/summary', leads, async (req, res) => {
    res.json(await stats.summary(parseInput(StatsQuery, req.query, 'invalid_query', 'query')));
  });

  router.get('/stats/timeseries', leads, async (req, res) => {
    res.json(
      await stats.timeseries(parseInput(TimeseriesQuery, req.query, 'invalid_query', 'query')),
    );
  });

  router.get('/stats/recontacts', leads, async (req, res) => {
    res.json(await stats.recontacts(parseInput(ListQuery, req.query, 'invalid_query', 'query')));
  });

  router.get('/stats/missed-opportunities', leads, async (req, res) => {
    res.json(
      await stats.missedOpportunities(
        parseInput(ListQuery, req.query, 'invalid_query', 'query'),
        viewerOf(req),
      ),
    );
  });

  // Counts, times and reason codes per receiving site: never the words a site typed.
  router.get('/stats/referrals', leads, async (req, res) => {
    const query = parseInput(StatsQuery, req.query, 'invalid_query', 'query');
    res.json(await partnershipFigures(db, stats.toFilter(query)));
  });

  router.get('/stats/referrals.csv', leads, async (req, res) => {
    const filter = stats.toFilter(parseInput(StatsQuery, req.query, 'invalid_query', 'query'));
    const csv = partnershipCsv(await partnershipFigures(db, filter));
    sendCsv(res, csvName('referrals', filter));
    res.send(csv);
  });

  // The days that hold calls, so the page's default period covers the data.
  router.get('/stats/extent', leads, async (_req, res) => {
    const row = await db
      .query('calls')
      .first<{ first: Date | null; last: Date | null }>(
        db.query.raw('min(received_at) as first'),
        db.query.raw('max(received_at) as last'),
      );
    const label = (d: Date | null | undefined) =>
      d ? localDateLabel(new Date(d), config.SERVICE_TIME_ZONE) : null;
    res.json({ first: label(row?.first), last: label(row?.last) });
  });

  router.get('/stats/export.csv', leads, async (req, res) => {
    const query = parseInput(StatsQuery, req.query, 'invalid_query', 'query');
    const lines = stats.exportCsv(query, viewerOf(req));
    const first = await lines.next();
    sendCsv(res, csvName('attendances', stats.toFilter(query)));
    if (!first.done) res.write(first.value);
    for await (const chunk of lines) {
      if (res.destroyed) return; // the client went away: stop reading pages
      // Backpressure: a slow download must not buffer a year of rows in memory.
      if (!res.write(chunk))
        await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
    }
    res.end();
  });

  return router;
}
