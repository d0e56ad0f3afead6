// Who may call a method: every entry of a method table says whether it only reads state
// ('read': the read-only ubusd group and rpcd's read ACL get it) or changes it ('write':
// the admin group and rpcd's write ACL). The ACL files are generated from these entries
// (openwrt/acl/generate.ts), so a new method cannot be forgotten in them.
import type { UbusMethod } from './method-call.js';

export type UbusAccess = 'read' | 'write';

export type AccessMethod = UbusMethod & { access: UbusAccess };

export type AccessMethods = Record<string, AccessMethod>;
