/** The service area the map opens on: London, Ontario. */
export const serviceArea = {
  name: 'London, Ontario',
  center: { lat: 42.9849, lng: -81.2453 },
  zoom: 12,
} as const;
