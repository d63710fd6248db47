// What test/deploy/nginx.test.ts runs, read from deploy/: the systemd units'
// commands and environment, and the nginx site with its ports and certificate
// paths substituted. Each substitution must find what it replaces, so a change
// to the shipped files that the test no longer covers fails loudly.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const deployDir = path.join(root, 'deploy');
const INSTALL_DIR = '/opt/altpath';

/** nginx on PATH or Debian's /usr/sbin/nginx; undefined when neither is there. */
export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface UnitCommand {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/** A unit's ExecStart and Environment, `%i` as `instance`, /opt/altpath as this checkout. */
export function unitCommand(unitFile: string, instance = ''): UnitCommand {
  const text = readFileSync(path.join(deployDir, 'systemd', unitFile), 'utf8');
  const values = (key: string) =>
    [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
  const local = (value: string) =>
    value.replaceAll('%i', instance).replaceAll(INSTALL_DIR, root.replace(/\/$/, ''));
  const [execStart] = values('ExecStart');
  if (!execStart) throw new Error(`${unitFile} has no ExecStart`);
  const argv = local(execStart).split(/\s+/);
  if (argv[0] !== '/usr/bin/node') throw new Error(`${unitFile} runs ${argv[0]}, not node`);
  argv[0] = process.execPath;
  const env: Record<string, string> = {};
  for (const line of values('Environment')) {
    for (const pair of local(line).split(/\s+/)) {
      const [key, ...rest] = pair.split('=');
      env[key!] = rest.join('=');
    }
  }
  return { argv, env, cwd: local(values('WorkingDirectory')[0] ?? INSTALL_DIR) };
}

export interface SiteSubstitutions {
  upstreamPorts: [number, number];
  httpsPort: number;
  httpPort: number;
  certificate: string;
  key: string;
}

function replaceOnce(text: string, from: RegExp, to: string): string {
  const found = text.match(new RegExp(from.source, 'g'))?.length ?? 0;
  if (found !== 1) throw new Error(`deploy/nginx/altpath.conf: ${from} matched ${found} times`);
  return text.replace(from, to);
}

/** deploy/nginx/altpath.conf with this test's ports and certificate. */
export function siteConfig(s: SiteSubstitutions): string {
  let text = readFileSync(path.join(deployDir, 'nginx', 'altpath.conf'), 'utf8');
  text = replaceOnce(text, /server 127\.0\.0\.1:3001 /, `server 127.0.0.1:${s.upstreamPorts[0]} `);
  text = replaceOnce(text, /server 127\.0\.0\.1:3002 /, `server 127.0.0.1:${s.upstreamPorts[1]} `);
  text = replaceOnce(text, /listen 80;/, `listen 127.0.0.1:${s.httpPort};`);
  text = replaceOnce(text, /listen 443 ssl;/, `listen 127.0.0.1:${s.httpsPort} ssl;`);
  text = replaceOnce(text, /\/etc\/altpath\/tls\/fullchain\.pem/, s.certificate);
  text = replaceOnce(text, /\/etc\/altpath\/tls\/privkey\.pem/, s.key);
  return text;
}

/**
 * nginx's own main file for a prefix of the test's: no root needed (high ports,
 * every path inside the prefix, which must be readable by nginx's worker user
 * when root starts it), the site included as it ships. The response
 * header naming the upstream is the test's alone: it shows which process
 * answered.
 */
export function mainConfig(prefix: string): string {
  const at = (name: string) => path.join(prefix, name);
  return `worker_processes 1;
pid ${at('nginx.pid')};
error_log ${at('error.log')} warn;
events { worker_connections 512; }
http {
  access_log ${at('access.log')};
  client_body_temp_path ${at('tmp/body')};
  proxy_temp_path ${at('tmp/proxy')};
  fastcgi_temp_path ${at('tmp/fastcgi')};
  uwsgi_temp_path ${at('tmp/uwsgi')};
  scgi_temp_path ${at('tmp/scgi')};
  add_header X-Test-Upstream $upstream_addr always;
  include ${at('altpath.conf')};
}
`;
}

/** The nginx block the README's multi-process section shows. */
export function readmeNginxBlock(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Running several processes'));
  const block = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README: no nginx block under "Running several processes"');
  return block;
}
