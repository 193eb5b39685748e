import { v7 as uuidv7 } from 'uuid';

/** Server-made ids are UUIDv7 like the device-made ones, so every id sorts by creation time. */
export function newId(): string {
  return uuidv7();
}
