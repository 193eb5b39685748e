// Entry point of the PWA. (The service worker registration joins here in a later issue.)
import { render } from 'preact';
import { App } from './app/App.js';
import { I18nProvider } from './app/i18n/i18n.js';
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
