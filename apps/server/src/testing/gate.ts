/** A promise the test settles: `open()` resolves it, `fail(e)` rejects it. */
export function gate(): { promise: Promise<void>; open: () => void; fail: (e: Error) => void } {
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  promise.catch(() => undefined); // a test that fails it need not also await it
  return { promise, open: () => resolve(), fail: reject };
}
