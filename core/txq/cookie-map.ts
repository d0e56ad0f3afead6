// Values keyed by (wdev, cookie) without building a string per frame: cookies are unique
// per wiphy only, so the wdev is part of the key; one map per status kind.
export class CookieMap<V> {
  private readonly byWdev = new Map<bigint, Map<bigint, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(wdev: bigint, cookie: bigint): V | undefined {
    return this.byWdev.get(wdev)?.get(cookie);
  }

  set(wdev: bigint, cookie: bigint, value: V): void {
    let m = this.byWdev.get(wdev);
    if (!m) this.byWdev.set(wdev, (m = new Map()));
    if (!m.has(cookie)) this.count++;
    m.set(cookie, value);
  }

  delete(wdev: bigint, cookie: bigint): boolean {
    const m = this.byWdev.get(wdev);
    if (!m || !m.delete(cookie)) return false;
    this.count--;
    if (m.size === 0) this.byWdev.delete(wdev);
    return true;
  }
}
