// Entry point of the PWA: renders the app and registers the service worker (platform/register.ts).
import { render } from 'preact';
import { App } from './app/App.js';
import { I18nProvider } from './app/i18n/i18n.js';
import { registerServiceWorker } from './platform/register.js';
import { updates } from './platform/updates.js';
import './app/global.css';

const root = document.getElementById('app');
if (root) {
  render(
    <I18nProvider>
      <App />
    </I18nProvider>,
    root,
  );
}

// Only the built app has a service worker; under `vite` dev it would cache modules that change on every save.
if (import.meta.env.PROD) registerServiceWorker(updates);
