// A reader of the tar archives ipkg-build writes (GNU format, with GNU long-name
// records), so the tests look at every header field instead of trusting tar's listing.
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  /** '0' file, '2' symlink, '5' directory. */
  type: string;
  linkname: string;
  uname: string;
  gname: string;
  data: Buffer;
}

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error(`bad octal field '${text}' at ${offset}`);
  return text === '' ? 0 : parseInt(text, 8);
}

export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let pos = 0;
  let longName: string | undefined;
  while (pos + 512 <= tar.length) {
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
    if (sum !== octal(header, 148, 8)) throw new Error(`bad header checksum at ${pos}`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const data = tar.subarray(pos + 512, pos + 512 + size);
    pos += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    entries.push({
      name: longName ?? field(header, 0, 100),
      mode: octal(header, 100, 8),
      uid: octal(header, 108, 8),
      gid: octal(header, 116, 8),
      size,
      mtime: octal(header, 136, 12),
      type,
      linkname: field(header, 157, 100),
      uname: field(header, 265, 32),
      gname: field(header, 297, 32),
      data: Buffer.from(data),
    });
    longName = undefined;
  }
  return entries;
}

export function readTarGz(bytes: Buffer): TarEntry[] {
  return readTar(gunzipSync(bytes));
}
