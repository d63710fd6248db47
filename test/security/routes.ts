import type { Express } from 'express';
import type { Socket } from 'socket.io';
import type { TestApp } from '../support/test-app.js';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
}

/**
 * Every route express knows, as "METHOD /path", read from the routers
 * themselves: a route added anywhere shows up here without editing a list.
 */
export function discoverRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods)) {
          for (const path of paths) found.add(`${method.toUpperCase()} ${prefix}${path}`);
        }
      } else if (layer.handle?.stack) {
        const mount =
          typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...found].sort();
}

export const isWrite = (route: string) => !/^(GET|HEAD|OPTIONS) /.test(route);

const reservedEvents = new Set([
  'disconnect',
  'disconnecting',
  'error',
  'newListener',
  'removeListener',
]);

/** The client→server events a signed-in socket listens to, read from a live server-side socket. */
export async function discoverSocketEvents(app: TestApp, token: string): Promise<string[]> {
  const client = app.socket(token);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', reject);
  });
  const local = app.server.app.io.of('/').sockets as Map<string, Socket>;
  const server = local.get(client.id ?? '');
  if (!server) throw new Error('the server-side socket was not found');
  const events = server
    .eventNames()
    .map(String)
    .filter((name) => !reservedEvents.has(name));
  client.disconnect();
  return events.sort();
}
