// Alerts nobody can miss: escalations, declines (by a crew or a receiving site), lapsed
// offers and calls no unit can take, pinned above the queue with a repeating tone until
// a dispatcher acknowledges each one.
// Loaded from the server (they survive a reload) and kept live by `alert:raised` and
// `alert:acknowledged`, which reach every console on every process.
import { api, ApiError } from '../api.js';
import { runInBackground } from '../shared/background.js';
import type { AlertView, CallView } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { formatTime } from '../shared/labels.js';
import type { LiveConnection } from '../shared/realtime.js';
import { createChime } from '../shared/chime.js';

const kindLabels: Record<AlertView['kind'], string> = {
  escalation: 'Escalated',
  declined: 'Declined',
  expired: 'Offer lapsed',
  no_unit: 'No unit',
  referral_rejected: 'Site declined',
};

export interface AlertsBar {
  reload(): Promise<void>;
}

export function createAlertsBar(
  root: HTMLElement,
  live: LiveConnection,
  openCall: (callId: string) => CallView | undefined,
): AlertsBar {
  const open = new Map<string, AlertView>();
  const chime = createChime();

  const render = () => {
    const alerts = [...open.values()].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
    root.hidden = alerts.length === 0;
    root.dataset.count = String(alerts.length);
    root.dataset.sounding = String(alerts.length > 0);
    if (alerts.length) chime.start();
    else chime.stop();
    replaceChildren(
      root,
      ...alerts.map((alert) => {
        const ack = el('button', {
          text: 'Acknowledge',
          className: 'small',
          testId: 'alert-ack',
          attrs: { type: 'button' },
        });
        ack.addEventListener('click', () => runInBackground(acknowledge(alert, ack)));
        const show = el('button', {
          text: 'Open call',
          className: 'secondary small',
          attrs: { type: 'button' },
        });
        show.addEventListener('click', () => {
          if (!openCall(alert.callId)) notify('That call is no longer on the board.');
        });
        return el(
          'div',
          {
            className: `alert alert-${alert.kind}`,
            testId: `alert-${alert.id}`,
            dataset: { kind: alert.kind, callId: alert.callId },
          },
          el('strong', { className: 'alert-kind', text: kindLabels[alert.kind] }),
          el('span', { className: 'alert-message', text: alert.message, testId: 'alert-message' }),
          el('small', { className: 'muted', text: formatTime(alert.raisedAt) }),
          el('span', { className: 'alert-actions' }, show, ack),
        );
      }),
    );
  };

  const acknowledge = async (alert: AlertView, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await api('POST', `/api/alerts/${alert.id}/ack`, {});
      open.delete(alert.id);
      render();
    } catch (err) {
      button.disabled = false;
      notify(err instanceof ApiError ? err.message : 'Could not acknowledge the alert', 'error');
    }
  };

  live.on('alert:raised', (alert) => {
    open.set(alert.id, alert);
    render();
  });
  live.on('alert:acknowledged', (alert) => {
    open.delete(alert.id);
    render();
  });

  render();
  return {
    async reload() {
      const alerts = await api<AlertView[]>('GET', '/api/alerts');
      open.clear();
      for (const alert of alerts) open.set(alert.id, alert);
      render();
    },
  };
}
