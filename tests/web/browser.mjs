// Headless Chromium via playwright-core (system /usr/bin/chromium), for the browser tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether a Chromium binary is available (tests skip with a message otherwise). */
export function hasChromium() {
  return fs.existsSync(CHROMIUM);
}

/**
 * Launches Chromium with a fresh profile.
 * @returns {Promise<{context: import('playwright-core').BrowserContext, close(): Promise<void>}>}
 */
export async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-quic', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
