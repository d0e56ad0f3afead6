// node:crypto loaded on first use instead of at start. Loading it (OpenSSL's bindings and
// a dozen internal modules) costs about 2 MB of idle RSS, which a daemon whose enabled
// plugins never hash or encrypt (no P2P Device started, no protected AP) need not pay.
import type * as NodeCrypto from 'node:crypto';

let loaded: typeof NodeCrypto | undefined;

export function nodeCrypto(): typeof NodeCrypto {
  return (loaded ??= process.getBuiltinModule('node:crypto'));
}
