// The ubusd and rpcd ACL files from the method tables: group `wifid` (ubusd) and rpcd's
// read ACL get the methods whose entry says access 'read', group `wifid-admin` and rpcd's
// write ACL the 'write' ones (the admin group both). ubusd ACLs name methods per object
// pattern, so the plugins' objects share `wifid.*`. Run `openwrt/gen-acl` after changing
// a method table; test/openwrt/acl.test.ts fails while the committed files differ.
import { coreMethods, CORE_OBJECT, type CoreServices } from '../../core/wifid-object.js';
import type { PluginModule } from '../../core/plugin.js';
import type { AccessMethods, UbusAccess } from '../../core/ubus/access.js';

/** Where the files live, relative to the repository. */
export const ACL_DIR = 'openwrt/feed/net/wifid/files';

/** Every ubus object wifid registers, core first, with its method table (handlers never called). */
export function ubusObjects(plugins: readonly PluginModule[]): Record<string, AccessMethods> {
  const objects: Record<string, AccessMethods> = { [CORE_OBJECT]: coreMethods({} as CoreServices) };
  for (const p of plugins) {
    for (const [path, methods] of Object.entries(p.ubusObjects())) {
      if (path in objects) throw new Error(`ubus object ${path} is registered by two plugins`);
      objects[path] = methods;
    }
  }
  return objects;
}

const methodsWith = (methods: AccessMethods, access: UbusAccess): string[] =>
  Object.entries(methods).filter(([, m]) => m.access === access).map(([name]) => name);

/** File (relative to ACL_DIR) -> its text. */
export function aclFiles(objects: Record<string, AccessMethods>): Record<string, string> {
  const read = (path: string) => methodsWith(objects[path]!, 'read');
  const write = (path: string) => methodsWith(objects[path]!, 'write');
  const plugins = Object.keys(objects).filter((o) => o !== CORE_OBJECT);
  const union = (pick: (path: string) => string[]) => [...new Set(plugins.flatMap(pick))];
  const ubusd = (group: string, pick: (path: string) => string[]) => ({
    group,
    access: {
      [CORE_OBJECT]: { methods: pick(CORE_OBJECT) },
      [`${CORE_OBJECT}.*`]: { methods: union(pick) },
    },
    // wifid (root) alone publishes; callers may subscribe to its objects and listen to its events.
    subscribe: [CORE_OBJECT, `${CORE_OBJECT}.*`],
    listen: [`${CORE_OBJECT}.*`],
  });
  const perObject = (pick: (path: string) => string[]) =>
    Object.fromEntries(Object.keys(objects).map((o) => [o, pick(o)]).filter(([, m]) => m!.length > 0));
  return {
    'acl.d/wifid.json': format(ubusd('wifid', read)),
    'acl.d/wifid-admin.json': format(ubusd('wifid-admin', (o) => [...read(o), ...write(o)])),
    'rpcd-acl.d/wifid.json': format({
      wifid: {
        description: 'wifid: read its state (read) and control it (write)',
        read: { ubus: perObject(read), uci: ['wifid'] },
        write: { ubus: perObject(write), uci: ['wifid'] },
      },
    }),
  };
}

/** JSON as OpenWrt's own ACL files are written: tab indents, lists of names on one line. */
function format(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.length === 0 ? '[ ]' : `[ ${value.map((v) => JSON.stringify(v)).join(', ')} ]`;
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}\t`;
    const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
    return `{\n${entries.join(',\n')}\n${indent}}${indent === '' ? '\n' : ''}`;
  }
  return JSON.stringify(value);
}
