// Times on the collector's screens are the case's wall clock (the debtor's zone), never the device's.
import { localClock } from '../../../shared/conduct.js';

export function clockIn(iso: string, timeZone: string): string {
  return localClock(new Date(iso), timeZone);
}
