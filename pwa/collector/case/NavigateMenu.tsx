// "Navigate": hands the address to a map app on the phone, in the coordinates that app expects.
import type { TargetedMouseEvent } from 'preact';
import { useI18n } from '../../app/i18n/i18n.js';
import { mapLinks, type MapLink } from './map-links.js';
import styles from './CollectorCasePage.module.css';

/** An app scheme that nothing handles leaves the page visible: then the web page takes over. */
function openWithFallback(event: TargetedMouseEvent<HTMLAnchorElement>, link: MapLink): void {
  const fallback = link.fallbackHref;
  if (!fallback) return;
  event.preventDefault();
  const timer = setTimeout(() => {
    if (document.visibilityState === 'visible') window.location.href = fallback;
  }, 1500);
  document.addEventListener('visibilitychange', () => clearTimeout(timer), { once: true });
  window.location.href = link.href;
}

export function NavigateMenu({ lat, lng, address }: { lat: number; lng: number; address: string }) {
  const { t } = useI18n();
  const links = mapLinks({ lat, lng, label: address });
  return (
    <details class={styles.navigate}>
      <summary class={styles.actionButton} aria-label={t.collector.caseView.navigateTo(address)}>
        {t.collector.caseView.navigate}
      </summary>
      <ul class={styles.mapApps}>
        {links.map((link) => (
          <li key={link.app}>
            <a
              class={styles.mapApp}
              href={link.href}
              rel="noopener noreferrer"
              data-app={link.app}
              onClick={(event) => openWithFallback(event, link)}
            >
              {t.collector.caseView.mapApps[link.app]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
