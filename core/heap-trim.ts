// Gives the C heap's freed memory back after start-up (issue 16). On glibc the memory
// start-up frees (V8's parser zones, the bundle's source as read, a plugin's start) stays
// in the process, about 2.5 MB of a daemon's idle RSS; the addon's trimHeap calls
// malloc_trim(0). On musl (OpenWrt) it does nothing: mallocng gives it back by itself.
import { nativeAddon } from './native-addon.js';

/** After start-up and once more when plugins waiting for a facility have had time to start. */
export const LATE_TRIM_MS = 10_000;

/** True when memory was given back, false when none was, undefined without the addon. */
export function trimHeap(): boolean | undefined {
  return nativeAddon()?.trimHeap?.();
}

/** Trims now and once `LATE_TRIM_MS` later, on a timer that does not keep the process alive. */
export function trimHeapAfterStart(): void {
  trimHeap();
  setTimeout(trimHeap, LATE_TRIM_MS).unref();
}
