// What a plugin holds, as a stack of release functions: released in the reverse order of
// acquisition (what was acquired last may depend on what came before), every one of them
// even when one throws, each failure logged with the owner's name, and only once.
import type { Logger } from '../log.js';

export type Release = () => void | Promise<void>;

/** Thrown when something is acquired through a scope that was already disposed. */
export class ScopeClosedError extends Error {
  override name = 'ScopeClosedError';
}

export class DisposerStack {
  private readonly held = new Map<number, { what: string; release: Release }>();
  private next = 0;
  private disposing: Promise<number> | undefined;

  constructor(readonly owner: string, private readonly log: Logger) {}

  get disposed(): boolean {
    return this.disposing !== undefined;
  }

  /** Number of resources still held. */
  get size(): number {
    return this.held.size;
  }

  /**
   * Holds `release` until disposal. Returns the function that releases it early (once),
   * so a resource given back before the plugin stops does not stay on the stack. The
   * early release runs `release` synchronously (up to its first await).
   */
  add(release: Release, what = 'resource'): () => Promise<void> {
    this.ensureOpen(what);
    const id = this.next++;
    this.held.set(id, { what, release });
    return async () => {
      const entry = this.held.get(id);
      if (!entry) return;
      this.held.delete(id);
      await this.run(entry.what, entry.release);
    };
  }

  /** Throws ScopeClosedError once disposal began: call it before acquiring `what`. */
  ensureOpen(what: string): void {
    if (this.disposed) throw new ScopeClosedError(`${this.owner}: cannot acquire ${what}: the plugin has stopped`);
  }

  /** Releases everything held, newest first; resolves with the number of failures. Idempotent. */
  dispose(): Promise<number> {
    this.disposing ??= (async () => {
      let failures = 0;
      while (this.held.size > 0) {
        const id = [...this.held.keys()].pop()!;
        const { what, release } = this.held.get(id)!;
        this.held.delete(id);
        if (!(await this.run(what, release))) failures++;
      }
      return failures;
    })();
    return this.disposing;
  }

  private async run(what: string, release: Release): Promise<boolean> {
    try {
      await release();
      return true;
    } catch (err) {
      this.log.error(`${this.owner}: releasing ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }
}
