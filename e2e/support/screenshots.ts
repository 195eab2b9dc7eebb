import path from 'node:path';
import type { Page } from 'playwright-core';

/** The widths every changed page is checked at: a desktop and a tablet held upright. */
export const CHECKED_SIZES = [
  [1440, 900],
  [820, 1180],
] as const;

/** Where screenshots go, when TELERAD_SCREENSHOTS names a directory (for a person to look at). */
const screenshotDir = (): string | undefined => process.env.TELERAD_SCREENSHOTS || undefined;

/** Keeps one screenshot, `<name>.png`, when TELERAD_SCREENSHOTS names a directory. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = screenshotDir();
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/**
 * Keeps `<name>-1440.png` and `<name>-820.png` when TELERAD_SCREENSHOTS names a directory, then
 * puts the page back at the desktop size. `ready` runs at each size first (reopen a dropdown,
 * scroll to a section); `fullPage` takes the whole page rather than the window.
 */
export async function shotsAtBothWidths(
  page: Page,
  name: string,
  opts: { ready?: () => Promise<unknown>; fullPage?: boolean } = {},
): Promise<void> {
  const dir = screenshotDir();
  if (!dir) return;
  for (const [width, height] of CHECKED_SIZES) {
    await page.setViewportSize({ width, height });
    if (opts.ready) await opts.ready();
    await page.screenshot({
      path: path.join(dir, `${name}-${width}.png`),
      fullPage: opts.fullPage ?? false,
      // Finished transitions: dropdowns fade in.
      animations: 'disabled',
    });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
