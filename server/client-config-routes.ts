import { Router } from 'express';
import type { Config } from './config/config.js';
import { requireRole } from './auth/require-role.js';
import { roles } from './auth/roles.js';
import { serviceArea } from './config/service-area.js';

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
    });
  });
  return router;
}
