// Registers the service worker (pwa/sw.ts) and reports new versions to the updater instead of reloading.
import { Workbox } from 'workbox-window';
import type { Updates } from './updates.js';

/** Deployed versions are found within the hour even in an app left open all day. */
const updateCheckMs = 60 * 60 * 1000;

export function registerServiceWorker(updates: Updates): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  let requested = false;

  const takeOver = () =>
    new Promise<void>((resolve) => {
      requested = true;
      workbox.addEventListener('controlling', () => resolve());
      workbox.messageSkipWaiting();
    });

  // Also fires for a worker already waiting when the page loaded, and for one installed by another tab.
  workbox.addEventListener('waiting', () => updates.offer(takeOver));
  workbox.addEventListener('controlling', (event) => {
    // Another tab accepted the update: this page still runs the old code and must reload, when it may.
    if (!requested && event.isUpdate) updates.offer(async () => undefined);
  });

  void workbox.register().catch((error: unknown) => {
    // Without a worker the app still works online; nothing the collector recorded depends on it.
    console.warn('Service worker registration failed', error);
  });

  const check = () => void workbox.update().catch(() => undefined);
  setInterval(check, updateCheckMs);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}
