/** A promise the test settles: `open()` resolves it, `fail(e)` rejects it. */
export function gate(): { promise: Promise<void>; open: () => void; fail: (e: Error) => void } {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  promise.catch(() => undefined); // a test that fails it need not also await it
  return { promise, open, fail };
}
