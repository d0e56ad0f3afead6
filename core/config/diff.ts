// What a reload changed, section by section, so each owner re-configures only what
// changed and keeps its interfaces where nothing did.
import { sectionRef, type ConfigSection } from './schema.js';

export interface SectionChange {
  kind: 'added' | 'removed' | 'changed';
  type: string;
  /** The section's name, or @type[N] for an anonymous one. */
  ref: string;
  /** Options whose value differs (every option for added/removed sections). */
  options: string[];
}

/** Identity of a section across reloads: type and name, or type and position for anonymous ones. */
export function sectionKey(s: ConfigSection<unknown>): string {
  return `${s.type}\0${sectionRef(s)}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffSections(
  before: ReadonlyMap<string, ConfigSection<unknown>>,
  after: ReadonlyMap<string, ConfigSection<unknown>>,
): SectionChange[] {
  const changes: SectionChange[] = [];
  const keysOf = (s: ConfigSection<unknown>): string[] => Object.keys(s.values as object);
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      changes.push({ kind: 'removed', type: old.type, ref: sectionRef(old), options: keysOf(old) });
      continue;
    }
    const names = new Set([...keysOf(old), ...keysOf(now)]);
    const differing = [...names].filter((n) => !same((old.values as Record<string, unknown>)[n], (now.values as Record<string, unknown>)[n]));
    if (differing.length > 0) changes.push({ kind: 'changed', type: now.type, ref: sectionRef(now), options: differing });
  }
  for (const [key, now] of after) {
    if (!before.has(key)) changes.push({ kind: 'added', type: now.type, ref: sectionRef(now), options: keysOf(now) });
  }
  return changes;
}
