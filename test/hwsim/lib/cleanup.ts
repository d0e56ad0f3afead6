// What hwsim helpers started (peers, monitors, namespaces), so that
// unloadHwsim() can stop all of it even when a test failed half-way.
type Cleanup = () => Promise<void>;

const cleanups = new Map<object, { what: string; run: Cleanup }>();

export function registerCleanup(owner: object, what: string, run: Cleanup): void {
  cleanups.set(owner, { what, run });
}

export function unregisterCleanup(owner: object): void {
  cleanups.delete(owner);
}

/** Runs every registered cleanup, newest first; returns the failures' messages. */
export async function runCleanups(): Promise<string[]> {
  const errors: string[] = [];
  for (const [owner, { what, run }] of [...cleanups.entries()].reverse()) {
    cleanups.delete(owner);
    try {
      await run();
    } catch (e) {
      errors.push(`cleanup of ${what} failed: ${(e as Error).message}`);
    }
  }
  return errors;
}
