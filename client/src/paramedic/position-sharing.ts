// Shares the unit's position over the socket (`unit:position`, acknowledged):
// from the device's GPS when the paramedic allows it, or typed by hand.
import type { UnitPosition } from '../shared/contract.js';
import { must } from '../shared/dom.js';
import { formatTime } from '../shared/labels.js';
import type { LiveSocket } from '../shared/realtime.js';

const GPS_MIN_INTERVAL_MS = 5_000;

export function setUpPositionSharing(socket: LiveSocket): void {
  const status = must<HTMLElement>('#position-status');
  const gps = must<HTMLInputElement>('#share-gps');
  const form = must<HTMLFormElement>('#position-form');
  const lat = must<HTMLInputElement>('#position-lat');
  const lng = must<HTMLInputElement>('#position-lng');
  let watchId: number | null = null;
  let lastGpsSend = 0;

  const send = (position: UnitPosition) => {
    status.textContent = 'Sending…';
    socket.timeout(5_000).emit('unit:position', position, (err, ack) => {
      if (err) status.textContent = 'Position not sent: no answer from the server.';
      else if (!ack.ok) status.textContent = `Position refused: ${ack.error.message}`;
      else
        status.textContent = `Position sent at ${formatTime(ack.data.at)} (${ack.data.lat.toFixed(4)}, ${ack.data.lng.toFixed(4)})`;
      status.dataset.state = err || !ack.ok ? 'error' : 'ok';
    });
  };

  const startGps = () => {
    if (!('geolocation' in navigator)) {
      status.textContent = 'This device has no location service: set the position by hand.';
      gps.checked = false;
      return;
    }
    watchId = navigator.geolocation.watchPosition(
      (fix) => {
        lat.value = fix.coords.latitude.toFixed(5);
        lng.value = fix.coords.longitude.toFixed(5);
        const now = Date.now();
        if (now - lastGpsSend < GPS_MIN_INTERVAL_MS) return;
        lastGpsSend = now;
        send({
          lat: fix.coords.latitude,
          lng: fix.coords.longitude,
          accuracyM: Math.round(fix.coords.accuracy),
        });
      },
      (error) => {
        status.textContent = `Location unavailable (${error.message || 'denied'}): set the position by hand.`;
        stopGps();
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
  };
  const stopGps = () => {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    gps.checked = false;
  };

  gps.addEventListener('change', () => (gps.checked ? startGps() : stopGps()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const position = { lat: Number(lat.value), lng: Number(lng.value) };
    if (
      lat.value.trim() === '' ||
      lng.value.trim() === '' ||
      Number.isNaN(position.lat) ||
      Number.isNaN(position.lng)
    ) {
      status.textContent = 'Type a latitude and a longitude.';
      return;
    }
    send(position);
  });

  // If the paramedic already allowed location on this device, share it straight away.
  navigator.permissions
    ?.query({ name: 'geolocation' })
    .then((permission) => {
      if (permission.state !== 'granted') return;
      gps.checked = true;
      startGps();
    })
    .catch(() => undefined);
}
