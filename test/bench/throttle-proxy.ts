// A TCP proxy shaping a link like Chrome's "Regular 3G": bandwidth each way and a one-way delay.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LinkShape {
  downKbps: number;
  upKbps: number;
  latencyMs: number;
}

/** Forwards `from` to `to` at `kbps`, each chunk delivered no earlier than `latencyMs` after it was read. */
function shape(from: Socket, to: Socket, kbps: number, latencyMs: number) {
  const bytesPerMs = (kbps * 1000) / 8 / 1000;
  let lineFreeAt = 0;
  from.on('data', (chunk: Buffer) => {
    const now = Date.now();
    const start = Math.max(now, lineFreeAt);
    lineFreeAt = start + chunk.length / bytesPerMs;
    const deliverAt = lineFreeAt + latencyMs;
    // Apply backpressure: stop reading while this chunk is "on the wire".
    from.pause();
    setTimeout(() => from.resume(), Math.max(0, lineFreeAt - now));
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, deliverAt - now);
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, lineFreeAt - Date.now()) + latencyMs));
  from.on('error', () => to.destroy());
}

export async function startThrottleProxy(targetPort: number, link: LinkShape): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    shape(client, upstream, link.upKbps, link.latencyMs);
    shape(upstream, client, link.downKbps, link.latencyMs);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', forget);
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
