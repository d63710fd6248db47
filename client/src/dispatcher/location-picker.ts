import * as L from 'leaflet';
import { el } from '../shared/dom.js';

/** Clicking the map sets the new call's location; a marker shows where it is. */
export function createLocationPicker(map: L.Map, onPick: (lat: number, lng: number) => void) {
  let marker: L.Marker | null = null;
  const icon = () =>
    L.divIcon({
      html: el('span', { className: 'pick-pin', text: '+', testId: 'new-call-location' }),
      className: 'map-icon',
      iconSize: [24, 24],
      iconAnchor: [12, 12],
    });
  const place = (lat: number, lng: number) => {
    if (marker) marker.setLatLng([lat, lng]);
    else
      marker = L.marker([lat, lng], { icon: icon(), zIndexOffset: 2000, interactive: false }).addTo(
        map,
      );
  };
  map.on('click', (event: L.LeafletMouseEvent) => {
    place(event.latlng.lat, event.latlng.lng);
    onPick(event.latlng.lat, event.latlng.lng);
  });
  return {
    /** Follows coordinates typed into the form. */
    show(location: { lat: number; lng: number } | undefined) {
      if (!location) {
        marker?.remove();
        marker = null;
        return;
      }
      place(location.lat, location.lng);
    },
  };
}
