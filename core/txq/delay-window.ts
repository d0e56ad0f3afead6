// Queueing-delay percentiles over the most recent samples: a fixed ring, so memory stays
// bounded however long the daemon runs, and the figures describe current behaviour.
export class DelayWindow {
  private readonly ring: Float64Array;
  private count = 0;
  private next = 0;

  constructor(capacity = 1024) {
    this.ring = new Float64Array(capacity);
  }

  add(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.ring.length) this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Nearest-rank percentile (p in 0..100) of the samples held; undefined when empty. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const sorted = this.ring.slice(0, this.count).sort();
    const rank = Math.ceil((p / 100) * this.count);
    return sorted[Math.min(this.count, Math.max(1, rank)) - 1];
  }
}
