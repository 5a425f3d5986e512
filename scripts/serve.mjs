// A small static file server for the built site, on loopback only. Used by
// `make serve` and by the browser tests, so what is tested is what is served.
//
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--prefix /ecs-atlas/]
//
// With --prefix the site answers only under that path, as GitHub Pages serves
// a project site; `/` redirects there.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.conf': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

export function startServer({ dir = 'dist', port = 8080, host = '127.0.0.1', prefix = '/' } = {}) {
  const root = resolve(dir);
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  if (!prefix.endsWith('/')) prefix = `${prefix}/`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (prefix !== '/' && (path === '/' || path === prefix.slice(0, -1))) {
      res.writeHead(302, { Location: prefix });
      return res.end();
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    path = path.slice(prefix.length) || 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      const info = await stat(file);
      const target = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(target);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const dir = option('dir', 'dist');
  const port = Number(option('port', '8080'));
  const prefix = option('prefix', '/');
  const server = await startServer({ dir, port, prefix });
  const { port: actual } = server.address();
  console.log(`ecs-atlas: serving ${dir} at http://127.0.0.1:${actual}${prefix.startsWith('/') ? prefix : `/${prefix}`}`);
  console.log('Press Ctrl-C to stop.');
}
