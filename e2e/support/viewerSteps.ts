import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { canvasStats, waitForFullRender } from './reading';

/**
 * The radiologist's look at the image before reporting, as one e2e step: the viewer shows the
 * image (a canvas that is not blank), a right drag windows it (the pixels change), and L + drag
 * draws one length measurement.
 */
export async function readImage(
  page: Page,
  opts: { since: number; rows?: number; columns?: number },
): Promise<void> {
  await waitForFullRender(page, {
    rows: opts.rows ?? 256,
    columns: opts.columns ?? 256,
    since: opts.since,
    viewportId: 'vp-0',
  });
  const shown = await canvasStats(page, 0);
  expect(shown.nonBlack).toBeGreaterThan(shown.width * shown.height * 0.1);

  const box = (await page.getByTestId('viewport-element').first().boundingBox())!;
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(c.x, c.y);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(c.x + 60, c.y + 90, { steps: 8 });
  await page.mouse.up({ button: 'right' });
  await expect.poll(async () => (await canvasStats(page, 0)).sum).not.toBe(shown.sum);

  await page.keyboard.press('l');
  await page.mouse.move(c.x - 80, c.y - 40);
  await page.mouse.down();
  await page.mouse.move(c.x + 40, c.y + 30, { steps: 10 });
  await page.mouse.up();
  await expect.poll(() => page.getByTestId('annotation-count').innerText()).toBe('1');
}

/** The tools of the annotations saved with the report of the task open on the reading screen. */
export async function savedAnnotationTools(page: Page): Promise<string[]> {
  const taskId = /\/read\/([^/?#]+)/.exec(page.url())?.[1];
  if (!taskId) throw new Error(`not on a reading screen: ${page.url()}`);
  const res = await page.request.get(`/api/tasks/${taskId}/report`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { report: { annotations: { tool: string }[] } };
  return body.report.annotations.map((a) => a.tool);
}
