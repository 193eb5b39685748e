// Serves the Vite-built PWA; any non-API GET falls back to index.html (client-side routes).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors.js';

export const pwaDistDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/pwa');

export async function registerPwa(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(join(pwaDistDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: pwaDistDir,
    wildcard: false,
    // Hashed assets never change; the shell and service worker must always be revalidated.
    setHeaders: (response, path) => {
      response.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, response) => {
    if (request.url.startsWith('/api/')) throw notFound(`Endpoint ${request.method} ${request.url.split('?')[0] ?? ''}`);
    return response.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
