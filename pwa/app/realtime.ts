// The staff screens' socket.io connection, authenticated like the API (the session token when the
// page holds one, else the session cookie the handshake carries). Sockets carry signals, never data.
import { io, type Socket } from 'socket.io-client';
import { socketPath, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/events.js';
import { currentToken } from './api.js';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectRealtime(): RealtimeSocket {
  return io({
    path: socketPath,
    // A callback, so every reconnection presents the current token.
    auth: (callback) => {
      const token = currentToken();
      callback(token ? { token } : {});
    },
  });
}
