// Debian's Chromium driven by playwright-core (never a downloaded browser), and screenshots for people to look at.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserType, type Page } from 'playwright-core';

type PersistentOptions = NonNullable<Parameters<BrowserType['launchPersistentContext']>[1]>;

export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Debian's Chromium, headless, quiet; its fake microphone (a beep) answers getUserMedia without a prompt. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/**
 * A browser whose profile lives in `userDataDir`: IndexedDB, the service worker, caches and cookies survive
 * closing it, so a test can close the app and open it again as a phone would.
 */
export function launchPersistent(
  userDataDir: string,
  options: Omit<PersistentOptions, 'executablePath' | 'args'>,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...options, executablePath: chromiumPath, args: chromiumArgs });
}

export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const desktop = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 };

/**
 * A screenshot; the whole page by default. For that the viewport is stretched to the page's height for a
 * moment, so bars fixed to the bottom of the screen are drawn at the bottom rather than over the middle.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  const path = `${screenshotDir}${name}.png`;
  const viewport = page.viewportSize();
  if (options.fullPage === false || !viewport) {
    await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
    return;
  }
  const { height, scrollY } = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, scrollY: window.scrollY }));
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  try {
    await page.screenshot({ path, animations: 'disabled' });
  } finally {
    await page.setViewportSize(viewport);
    await page.evaluate((y) => window.scrollTo(0, y), scrollY);
  }
}
