// One socket.io connection for the console's lifetime, and whether it is up.
import { useEffect, useState } from 'preact/hooks';
import { connectRealtime, type RealtimeSocket } from '../../app/realtime.js';

export function useRealtime(): { socket: RealtimeSocket | null; connected: boolean } {
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const created = connectRealtime();
    const up = () => setConnected(true);
    const down = () => setConnected(false);
    created.on('connect', up);
    created.on('disconnect', down);
    setSocket(created);
    return () => {
      created.off('connect', up);
      created.off('disconnect', down);
      created.close();
    };
  }, []);
  return { socket, connected };
}
