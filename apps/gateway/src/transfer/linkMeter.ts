/**
 * The measured upload rate: bytes that actually left over the last `windowMs`, as kbit/s, for the
 * heartbeat (`linkKbps`) and support. Counted in one-second buckets so it costs nothing per byte.
 */
export class LinkMeter {
  private readonly buckets = new Map<number, number>();

  constructor(
    private readonly windowMs = 30_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** `n` bytes left now. */
  add(n: number): void {
    const s = Math.floor(this.now() / 1000);
    this.buckets.set(s, (this.buckets.get(s) ?? 0) + n);
    const oldest = s - Math.ceil(this.windowMs / 1000);
    for (const k of this.buckets.keys()) if (k < oldest) this.buckets.delete(k);
  }

  /** kbit/s over the seconds of the window in which something was sent; null before any. */
  kbps(): number | null {
    const s = Math.floor(this.now() / 1000);
    const oldest = s - Math.ceil(this.windowMs / 1000);
    let bytes = 0;
    let active = 0;
    for (const [k, v] of this.buckets)
      if (k >= oldest) {
        bytes += v;
        active++;
      }
    return active ? Math.round((bytes * 8) / 1000 / active) : null;
  }
}
