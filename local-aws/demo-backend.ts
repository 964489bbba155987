/** The demo API's backend: a small pet store on its own port that the data plane proxies to. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from './http-util';

interface Pet {
  id: number;
  name: string;
  type: string;
  price: number;
}

export interface DemoBackend {
  port: number;
  close(): Promise<void>;
}

const SEED_PETS: Pet[] = [
  { id: 1, name: 'Rex', type: 'dog', price: 249.99 },
  { id: 2, name: 'Tom', type: 'cat', price: 124.99 },
  { id: 3, name: 'Nemo', type: 'fish', price: 0.99 },
];

export async function startDemoBackend(port = 0, host = '127.0.0.1'): Promise<DemoBackend> {
  const pets = new Map(SEED_PETS.map((p) => [p.id, { ...p }]));
  let nextId = 4;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://backend');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const petMatch = /^\/pets\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && path === '/pets') return sendJson(res, 200, [...pets.values()]);
    if (req.method === 'GET' && petMatch) {
      const pet = pets.get(Number(petMatch[1]));
      return pet ? sendJson(res, 200, pet) : sendJson(res, 404, { message: `Pet ${petMatch[1]} not found` });
    }
    if (req.method === 'POST' && path === '/pets') {
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      } catch {
        return sendJson(res, 400, { message: 'Body must be JSON' });
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, 400, { message: 'Body must be a JSON object' });
      const pet = { ...(body as Record<string, unknown>), id: nextId++ };
      return sendJson(res, 201, pet);
    }
    if (req.method === 'GET' && path === '/data') {
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 251)));
      return sendJson(res, 200, {
        generatedAt: new Date().toISOString(),
        rows: Array.from({ length: 5 }, (_, i) => ({ day: i, requests: 1000 + i * 17 })),
      });
    }
    if (req.method === 'GET' && path === '/flaky') {
      return Math.random() < 0.1 ? sendJson(res, 500, { message: 'Random failure' }) : sendJson(res, 200, { status: 'ok' });
    }
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
    return sendJson(res, 404, { message: 'Not Found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: error instanceof Error ? error.message : 'error' });
      else res.destroy();
    });
  });
  // Longer than the gateway agent's idle time, so the gateway never reuses a socket the backend is closing.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
