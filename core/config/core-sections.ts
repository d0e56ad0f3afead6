// The sections the core itself reads: `config wifid 'core'` and one
// `config plugin '<name>'` per plugin.
import { boolType, enumType } from './option-types.js';
import { defineSection, option } from './schema.js';
import { SchemaRegistry } from './registry.js';

export const LOG_LEVELS = ['error', 'warn', 'notice', 'info', 'debug'] as const;

export const CORE_SECTION = defineSection({
  type: 'wifid',
  doc: 'Daemon-wide settings (one section, named core).',
  naming: 'any',
  single: 'core',
  options: {
    log_level: option(enumType(LOG_LEVELS), 'Most detailed level written to the log (logread); -v on the command line raises it to debug.', 'info'),
  },
});

export const PLUGIN_SECTION = defineSection({
  type: 'plugin',
  doc: "Turns a plugin on or off. The section name is the plugin's name with '-' written as '_' (UCI names allow only letters, digits and _): config plugin 'p2p_device'. A plugin without a section stays off.",
  naming: 'named',
  options: {
    enabled: option(boolType, 'Start the plugin; changing it and reloading starts or stops the plugin without restarting the daemon.', true),
  },
});

/** The UCI section name of a plugin: UCI names cannot hold '-'. */
export function pluginSectionName(pluginName: string): string {
  return pluginName.replace(/-/g, '_');
}

/** A registry holding the core's own section types. */
export function createCoreRegistry(): SchemaRegistry {
  const registry = new SchemaRegistry();
  registry.register(CORE_SECTION);
  registry.register(PLUGIN_SECTION);
  return registry;
}
