// Planned CP home visits on the dispatcher's board: booked ahead for frequent
// callers, live as they are booked, completed or cancelled.
import { api } from '../api.js';
import type { VisitView } from '../shared/contract.js';
import { el, errorText, replaceChildren } from '../shared/dom.js';
import { formatDateTime } from '../shared/labels.js';
import type { LiveConnection } from '../shared/realtime.js';

export function createPlannedVisits(
  root: HTMLElement,
  countBadge: HTMLElement,
  live: LiveConnection,
) {
  const visits = new Map<string, VisitView>();

  const render = () => {
    const planned = [...visits.values()]
      .filter((v) => v.status === 'planned')
      .sort((a, b) => a.plannedFor.localeCompare(b.plannedFor));
    countBadge.textContent = String(planned.length);
    if (planned.length === 0) {
      replaceChildren(root, el('p', { className: 'muted', text: 'No visits planned.' }));
      return;
    }
    replaceChildren(
      root,
      el(
        'ul',
        { className: 'planned-visits', testId: 'planned-visits' },
        ...planned.map((v) =>
          el(
            'li',
            { testId: `visit-${v.id}` },
            el('strong', { text: formatDateTime(v.plannedFor) }),
            ` · ${v.unit?.callSign ?? 'any unit'} · ${v.patient.key ?? `patient ${v.patient.ref.slice(0, 6)}`}, ${v.patient.age} · `,
            v.location.address ?? `${v.location.lat.toFixed(4)}, ${v.location.lng.toFixed(4)}`,
          ),
        ),
      ),
    );
  };

  const upsert = (visit: VisitView) => {
    visits.set(visit.id, visit);
    render();
  };
  live.on('visit:planned', upsert);
  live.on('visit:updated', upsert);

  return {
    async load(): Promise<void> {
      try {
        const planned = await api<VisitView[]>('GET', '/api/visits?status=planned');
        visits.clear();
        for (const v of planned) visits.set(v.id, v);
        render();
      } catch (err) {
        replaceChildren(
          root,
          el('p', { className: 'error', text: `Could not load planned visits: ${errorText(err)}` }),
        );
      }
    },
  };
}
