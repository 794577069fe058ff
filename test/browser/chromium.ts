/** Headless Debian Chromium (driven by playwright-core) on a page, for the browser tests. */
import { type Browser, type Page, chromium } from 'playwright-core';

export interface OpenPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught errors of the page's scripts, as they happen. */
  readonly pageErrors: string[];
}

/** Launches Chromium with the flags CI needs and opens `url`; every step waits at most `stepMs`. */
export async function openPage(url: string, stepMs: number): Promise<OpenPage> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: stepMs,
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(stepMs);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url, { timeout: stepMs });
  return { browser, page, pageErrors };
}
