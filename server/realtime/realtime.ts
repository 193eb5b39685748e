// socket.io on the API's own server, authenticated like the API. Sockets carry signals,
// never data: a nudge tells a device to pull.
import type { FastifyInstance } from 'fastify';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Server, type Socket } from 'socket.io';
import { type ClientToServerEvents, type EventAnswer, type ServerToClientEvents, socketPath } from '../../shared/events.js';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { socketEventRefusal } from '../auth/access-policy.guard.js';
import { sessionCookie } from '../auth/auth.plugin.js';
import { sessionsChannel } from '../auth/auth.repository.js';
import { authenticate } from '../auth/auth.service.js';
import type { DatabaseHandle } from '../db/client.js';
import { type DispatchTeamScope, watcherRooms, watchRoom } from '../dispatch/team-scope.js';
import { isOwnOrAllowedOrigin } from '../http/origin.js';
import { socketAnswerHeaders } from '../http/security-headers.js';
import { alertsChannel } from '../sync/sync.repository.js';
import { alertSignal } from './alerts.repository.js';
import { relayVisits } from './dispatch-signals.js';
import { positionThrottle, positionUpdate, recordPosition } from './positions.js';

export interface SocketData {
  user: SessionUser;
  sessionId: string;
}
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const userRoom = (userId: string) => `user:${userId}`;

function tokenOf(socket: RealtimeSocket): string | undefined {
  const fromAuth: unknown = socket.handshake.auth.token;
  if (typeof fromAuth === 'string' && fromAuth.length > 0) return fromAuth;
  const cookie = socket.handshake.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${sessionCookie}=([^;]+)`).exec(cookie);
  return match?.[1];
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: RealtimeServer;
  }
}

export async function registerRealtime(
  app: FastifyInstance,
  options: { database: DatabaseHandle; sessionTtlHours: number; positionIntervalMs: number; dispatchTeamScope: DispatchTeamScope; allowedOrigins: readonly string[] },
): Promise<void> {
  const io: RealtimeServer = new Server(app.server, {
    path: socketPath,
    serveClient: false,
    // A page on another site could otherwise open a socket on the visitor's session cookie (cross-site
    // WebSocket hijacking: the handshake is not held back by CORS). Refused before authentication; a
    // client without Origin (a native app, an upstream system) is judged by its token alone.
    allowRequest: (request, answer) => {
      const origin = request.headers.origin;
      answer(null, origin === undefined || isOwnOrAllowedOrigin(origin, request.headers, options.allowedOrigins));
    },
  });
  // Long-polling answers bypass Fastify's hooks: they carry the security headers from here.
  io.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, socketAnswerHeaders));
  // Several instances behind one PostgreSQL share broadcasts through it; PGlite runs one instance.
  if (options.database.pubsubPool) io.adapter(createAdapter(options.database.pubsubPool, { heartbeatInterval: 5_000 }));
  app.decorate('realtime', io);

  // Every connection, and every reconnection, authenticates afresh.
  io.use((socket, next) => {
    const token = tokenOf(socket);
    if (!token || token.length > 256) return next(new Error('unauthorized'));
    authenticate(options.database.db, token, options.sessionTtlHours).then(
      (session) => {
        if (!session) return next(new Error('unauthorized'));
        socket.data = { user: session.user, sessionId: session.sessionId };
        next();
      },
      () => next(new Error('unavailable')),
    );
  });
  const acceptPosition = positionThrottle(options.positionIntervalMs);
  io.on('connection', (socket) => {
    const { user } = socket.data;
    const watching = watchRoom(user, options.dispatchTeamScope);
    void socket.join([userRoom(user.id), `role:${user.role}`, ...(user.teamId ? [`team:${user.teamId}`] : []), ...(watching ? [watching] : [])]);
    // Every client event meets the access policy first; one it does not allow (or does not know) is answered and dropped.
    socket.use(([event, ...args], next) => {
      const refusal = socketEventRefusal(event, user.role);
      if (refusal === undefined) return next();
      app.log.warn({ event, userId: user.id, role: user.role }, 'refused a socket event');
      const ack: unknown = args.at(-1);
      if (typeof ack === 'function') (ack as (answer: EventAnswer) => void)({ accepted: false, reason: refusal });
    });
    socket.on('position:update', (raw, ack) => {
      const answer = (accepted: boolean, reason?: string) => (typeof ack === 'function' ? ack(reason ? { accepted, reason } : { accepted }) : undefined);
      const parsed = positionUpdate.safeParse(raw);
      if (!parsed.success) return answer(false, parsed.error.issues[0]?.message ?? 'Invalid position');
      if (!acceptPosition(user.id, Date.now())) return answer(false, 'Too soon after the last position.');
      const position = { collectorId: user.id, ...parsed.data, at: new Date().toISOString() };
      recordPosition(options.database.db, position).then(
        () => {
          // Through the adapter: the staff watching this collector's team see it on any instance.
          io.to(watcherRooms([user.teamId])).emit('collector:position', position);
          answer(true);
        },
        (error: unknown) => {
          app.log.error({ err: error }, 'could not record a position');
          answer(false, 'The server could not store the position.');
        },
      );
    });
  });

  // NOTIFY reaches every instance, so NOTIFY-driven emits use io.local: each instance speaks
  // to its own sockets and nobody hears a signal twice.
  // Case changes NOTIFY fv_sync with the collector's id (migration 0002); a burst of them
  // (an import, a re-plan) becomes one nudge per device.
  const pending = new Map<string, NodeJS.Timeout>();
  const stopListening = await options.database.listen('fv_sync', (collectorId) => {
    if (pending.has(collectorId)) return;
    pending.set(
      collectorId,
      setTimeout(() => {
        pending.delete(collectorId);
        io.local.to(userRoom(collectorId)).emit('sync:nudge', { reason: 'cases' });
      }, 150),
    );
  });

  // A signed-out or disabled user's sockets close at once, on every instance.
  const stopRevocations = await options.database.listen(sessionsChannel, (subject) => {
    const [kind, id] = subject.split(':');
    if (kind === 'user' && id) io.local.in(userRoom(id)).disconnectSockets(true);
    if (kind === 'session' && id) {
      for (const socket of io.sockets.sockets.values()) if (socket.data.sessionId === id) socket.disconnect(true);
    }
  });

  // An SOS reaches every supervisor and dispatcher connected to any instance.
  const stopAlerts = await options.database.listen(alertsChannel, (alertId) => {
    alertSignal(options.database.db, alertId).then(
      (alert) => {
        // Whatever the team scope: a collector in danger needs whoever is watching (name and position only, no debtor data).
        if (alert) io.local.to(['role:supervisor', 'role:dispatcher']).emit('alert:raised', alert);
      },
      (error: unknown) => app.log.error({ err: error, alertId }, 'could not relay an alert'),
    );
  });

  // A visit pushed to any instance: dispatchers see its progress live.
  const stopVisits = await relayVisits(options.database, io, app.log);

  // preClose: open websockets would otherwise keep the HTTP server from ever closing.
  app.addHook('preClose', async () => {
    for (const timer of pending.values()) clearTimeout(timer);
    await stopListening();
    await stopRevocations();
    await stopAlerts();
    await stopVisits();
    await io.close();
  });
}
