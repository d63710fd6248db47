import { Router } from 'express';
import type { Config } from './config/config.js';
import { requireRole } from './auth/require-role.js';
import { roles } from './auth/roles.js';
import { serviceArea } from './config/service-area.js';
import { z } from 'zod';
import { describeRoute } from './http/route-docs.js';

describeRoute('get', '/api/client-config', {
  tag: 'config',
  summary: 'What the browser needs to draw the map',
  roles,
  response: {
    description: 'Map tiles, centre and the service area',
    schema: z.object({
      map: z.object({
        tileUrl: z.string(),
        attribution: z.string(),
        center: z.object({ lat: z.number(), lng: z.number() }),
        zoom: z.number(),
      }),
      serviceArea: z.object({ name: z.string(), timeZone: z.string() }),
      cost: z.object({ perDiversion: z.number(), currency: z.string(), source: z.string() }),
      offer: z.object({ timeoutSeconds: z.number() }).meta({
        description: 'How long a unit has to answer an offer before it is offered elsewhere',
      }),
      steps: z.object({ undoSeconds: z.number().int().positive() }).meta({
        description: 'How long the crew’s phone holds a pressed step for an Undo before sending it',
      }),
    }),
  },
});

/** What the signed-in browser needs to draw the map. */
export function clientConfigRouter(deps: { config: Config }): Router {
  const router = Router();
  router.get('/client-config', requireRole(...roles), (_req, res) => {
    res.json({
      map: {
        tileUrl: deps.config.MAP_TILE_URL,
        attribution: deps.config.MAP_TILE_ATTRIBUTION,
        center: serviceArea.center,
        zoom: serviceArea.zoom,
      },
      serviceArea: { name: serviceArea.name, timeZone: deps.config.SERVICE_TIME_ZONE },
      // The statistics page names the saving it counts and its source.
      cost: {
        perDiversion: deps.config.COST_AVOIDED_PER_DIVERSION,
        currency: deps.config.CURRENCY,
        source: deps.config.COST_SOURCE,
      },
      // The crew's phone counts down to it.
      offer: { timeoutSeconds: deps.config.OFFER_TIMEOUT_S },
      steps: { undoSeconds: deps.config.STEP_UNDO_S },
    });
  });
  return router;
}
