// Names the paramedic's page and its service worker share (both bundled from client/src).

/** Patient details for the phone: deleted on sign-out and when the session has ended. */
export const DATA_CACHE = 'altpath-paramedic-data';
/** The site-wide worker's copy (earlier builds): it held other pages' reads too; deleted. */
export const LEGACY_DATA_CACHE = 'altpath-data';
/**
 * The worker controls this page alone. Scoped to the whole site, it also saw every other
 * page's reads (a dispatcher's or a site's care plans, on a shared computer) and kept some on
 * disk; the phone needs only its own. Within /sw.js's own folder: no Service-Worker-Allowed.
 */
export const PARAMEDIC_PAGE = '/paramedic.html';
/** The one care plan the phone keeps: the current call's patient's. */
export const CARE_PLAN_PATH = /^\/api\/care-plans\/[^/]+$/;
