// The service lead's view: the live map (read-only) and destination capacity.
import { createCapacityControls } from './lead/capacity-controls.js';
import { createFrequentCallers } from './lead/frequent-callers.js';
import { createBaseMap } from './map/base-map.js';
import { bindBoardToMap } from './map/board-map.js';
import { renderLegend } from './map/legend.js';
import { errorText, must } from './shared/dom.js';
import { notify, setUpHeader } from './shared/header.js';
import { LiveBoard } from './shared/live-board.js';
import { connectLive } from './shared/realtime.js';
import { requireUser } from './shared/session.js';
import { runInBackground } from './shared/background.js';

const user = await requireUser(['lead', 'admin']);
const board = new LiveBoard();
const refresh = () =>
  board
    .load({ calls: true })
    .catch((err: unknown) => notify(`Could not refresh: ${errorText(err)}`, 'error'));
const live = connectLive(setUpHeader(user, 'Service lead'), () => runInBackground(refresh()));
board.listen(live);

createCapacityControls(must('#capacity-list'), board);
const map = await createBaseMap(must('#map'));
bindBoardToMap(map, board);
renderLegend(must('#map-legend'));
const frequentCallers = createFrequentCallers(must('#frequent-body'), () =>
  [...board.units.values()].sort((a, b) => a.callSign.localeCompare(b.callSign)),
);
await refresh();
await frequentCallers.load();
