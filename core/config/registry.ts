// The section types the daemon knows. The core registers its own (`wifid`, `plugin`);
// each plugin registers the sections it owns (the P2P plugin its `p2p` section), so a
// plugin's configuration is declared beside its code, not in the core.
import type { SectionSchema } from './schema.js';

export class SchemaRegistry {
  private readonly schemas = new Map<string, SectionSchema>();

  /** Registers a section type; registering the same schema object again is a no-op. */
  register(schema: SectionSchema): void {
    const prior = this.schemas.get(schema.type);
    if (prior === schema) return;
    if (prior) throw new Error(`config section type '${schema.type}' is registered twice`);
    this.schemas.set(schema.type, schema);
  }

  get(type: string): SectionSchema | undefined {
    return this.schemas.get(type);
  }

  has(type: string): boolean {
    return this.schemas.has(type);
  }

  /** Every registered schema, in registration order. */
  all(): SectionSchema[] {
    return [...this.schemas.values()];
  }
}
