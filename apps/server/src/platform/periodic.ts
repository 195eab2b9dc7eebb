/**
 * Runs `run` every `intervalMs` until stopped, never two at once: a tick that finds the last run
 * still going is skipped, so a slow database never piles runs up. A run that fails goes to
 * `onError` and the next tick runs as usual. The timer does not keep the process alive; `stop`
 * resolves once a run in progress has ended.
 */
export function startPeriodic(
  intervalMs: number,
  run: () => Promise<unknown>,
  onError: (err: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .catch(onError)
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
