import * as L from 'leaflet';
import { api } from '../api.js';
import type { ClientConfig } from '../shared/contract.js';

/**
 * A Leaflet map on the service area. Tiles come from the configured host; when
 * they cannot load (no network), the map stays blank and every marker still works.
 */
export async function createBaseMap(container: HTMLElement): Promise<L.Map> {
  const config = await api<ClientConfig>('GET', '/api/client-config');
  const map = L.map(container, { zoomControl: true, keyboard: true }).setView(
    [config.map.center.lat, config.map.center.lng],
    config.map.zoom,
  );
  const tiles = L.tileLayer(config.map.tileUrl, {
    attribution: config.map.attribution,
    maxZoom: 19,
  });
  tiles.on('tileerror', () => container.classList.add('tiles-offline'));
  tiles.addTo(map);
  // The container may get its final size after layout (grid, fonts): measure again.
  requestAnimationFrame(() => map.invalidateSize());
  return map;
}
