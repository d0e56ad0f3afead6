// Names of the errnos the kernel answers with. Node knows most of them per platform
// (os.constants.errno); these tables add the rest, which cfg80211 and mac80211 do return
// (ERFKILL when a radio is switched off, EUCLEAN, EHOSTDOWN...). Numbers differ on MIPS,
// where many OpenWrt routers run. Source: uapi asm-generic/errno-base.h + errno.h and
// arch/mips/include/uapi/asm/errno.h (Debian's linux-libc-dev and
// linux-libc-dev-mips-cross); only the names os.constants.errno lacks are listed.
import { constants } from 'node:os';

/** asm-generic numbering: x86, arm, arm64, riscv, and the others but MIPS. */
export const GENERIC_EXTRA: Readonly<Record<number, string>> = {
  15: 'ENOTBLK', 44: 'ECHRNG', 45: 'EL2NSYNC', 46: 'EL3HLT', 47: 'EL3RST', 48: 'ELNRNG',
  49: 'EUNATCH', 50: 'ENOCSI', 51: 'EL2HLT', 52: 'EBADE', 53: 'EBADR', 54: 'EXFULL',
  55: 'ENOANO', 56: 'EBADRQC', 57: 'EBADSLT', 59: 'EBFONT', 64: 'ENONET', 65: 'ENOPKG',
  66: 'EREMOTE', 68: 'EADV', 69: 'ESRMNT', 70: 'ECOMM', 73: 'EDOTDOT', 76: 'ENOTUNIQ',
  77: 'EBADFD', 78: 'EREMCHG', 79: 'ELIBACC', 80: 'ELIBBAD', 81: 'ELIBSCN', 82: 'ELIBMAX',
  83: 'ELIBEXEC', 85: 'ERESTART', 86: 'ESTRPIPE', 87: 'EUSERS', 94: 'ESOCKTNOSUPPORT',
  96: 'EPFNOSUPPORT', 108: 'ESHUTDOWN', 109: 'ETOOMANYREFS', 112: 'EHOSTDOWN',
  117: 'EUCLEAN', 118: 'ENOTNAM', 119: 'ENAVAIL', 120: 'EISNAM', 121: 'EREMOTEIO',
  123: 'ENOMEDIUM', 124: 'EMEDIUMTYPE', 126: 'ENOKEY', 127: 'EKEYEXPIRED',
  128: 'EKEYREVOKED', 129: 'EKEYREJECTED', 130: 'EOWNERDEAD', 131: 'ENOTRECOVERABLE',
  132: 'ERFKILL', 133: 'EHWPOISON',
};

/** MIPS numbering (mips, mipsel, mips64). */
export const MIPS_EXTRA: Readonly<Record<number, string>> = {
  15: 'ENOTBLK', 37: 'ECHRNG', 38: 'EL2NSYNC', 39: 'EL3HLT', 40: 'EL3RST', 41: 'ELNRNG',
  42: 'EUNATCH', 43: 'ENOCSI', 44: 'EL2HLT', 50: 'EBADE', 51: 'EBADR', 52: 'EXFULL',
  53: 'ENOANO', 54: 'EBADRQC', 55: 'EBADSLT', 56: 'EDEADLOCK', 59: 'EBFONT', 64: 'ENONET',
  65: 'ENOPKG', 66: 'EREMOTE', 68: 'EADV', 69: 'ESRMNT', 70: 'ECOMM', 73: 'EDOTDOT',
  80: 'ENOTUNIQ', 81: 'EBADFD', 82: 'EREMCHG', 83: 'ELIBACC', 84: 'ELIBBAD', 85: 'ELIBSCN',
  86: 'ELIBMAX', 87: 'ELIBEXEC', 91: 'ERESTART', 92: 'ESTRPIPE', 94: 'EUSERS',
  121: 'ESOCKTNOSUPPORT', 123: 'EPFNOSUPPORT', 135: 'EUCLEAN', 137: 'ENOTNAM',
  138: 'ENAVAIL', 139: 'EISNAM', 140: 'EREMOTEIO', 141: 'EINIT', 142: 'EREMDEV',
  143: 'ESHUTDOWN', 144: 'ETOOMANYREFS', 147: 'EHOSTDOWN', 159: 'ENOMEDIUM',
  160: 'EMEDIUMTYPE', 161: 'ENOKEY', 162: 'EKEYEXPIRED', 163: 'EKEYREVOKED',
  164: 'EKEYREJECTED', 165: 'EOWNERDEAD', 166: 'ENOTRECOVERABLE', 167: 'ERFKILL',
  168: 'EHWPOISON',
};

const EXTRA = process.arch.startsWith('mips') ? MIPS_EXTRA : GENERIC_EXTRA;

// Node lists some numbers twice; the kernel's own word wins (EAGAIN, EOPNOTSUPP).
const PREFERRED = new Set(['EAGAIN', 'EOPNOTSUPP', 'EDEADLK']);
const NODE_NAMES = new Map<number, string>();
for (const [name, n] of Object.entries(constants.errno)) {
  if (!NODE_NAMES.has(n) || PREFERRED.has(name)) NODE_NAMES.set(n, name);
}

/** "EBUSY" for 16 (or -16); "errno N" for a number no table knows. */
export function errnoName(errno: number): string {
  const n = Math.abs(errno);
  return NODE_NAMES.get(n) ?? EXTRA[n] ?? `errno ${n}`;
}
