import { useEffect, useState } from 'react';
import { useConnectionStore } from '../stores/connection';

/**
 * The server's current time in ms, refreshed every `intervalMs`: this device's clock plus the
 * offset measured at join, so every screen in the room counts down together.
 */
export function useServerNow(intervalMs = 1000): number {
  const offsetMs = useConnectionStore((s) => s.serverClockOffsetMs);
  const [deviceNow, setDeviceNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setDeviceNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return deviceNow + offsetMs;
}
