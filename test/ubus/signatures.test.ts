// Every method wifid registers describes its arguments in types the real `ubus -v list`
// can name. OpenWrt's ubus cli.c names only BLOBMSG_TYPE_INT8 ("Boolean"), INT32
// ("Integer"), STRING, ARRAY and TABLE and prints "(unknown)" for any other type
// (int64, int16, double), which tells a script author nothing.
import { describe, expect, it } from 'vitest';
import { ubusObjects } from '../../openwrt/acl/generate.js';
import { PLUGINS } from '../../plugins/index.js';

const NAMED_BY_CLI = new Set(['bool', 'int32', 'string', 'array', 'table']);

// Every object of the core and of every plugin; tables are built without calling a handler.
const OBJECTS = ubusObjects(PLUGINS);

describe('ubus signatures', () => {
  it('every argument of every registered method has a type the ubus CLI names', () => {
    const unnamed: string[] = [];
    for (const [object, methods] of Object.entries(OBJECTS)) {
      for (const [method, m] of Object.entries(methods)) {
        for (const [arg, p] of Object.entries(m.policy ?? {})) if (!NAMED_BY_CLI.has(p.type)) unnamed.push(`${object} ${method} ${arg}: ${p.type}`);
      }
    }
    expect(unnamed).toEqual([]);
  });
});
