// Loads the real ubusd captures (shared/vectors/ubus, see its README for provenance).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CapturedMessage {
  scenario: string;
  conn: number;
  dir: 'client->ubusd' | 'ubusd->client';
  hex: string;
  bytes: Uint8Array;
}

export const VECTORS_FILE = fileURLToPath(new URL('./vectors/ubus-real.jsonl', import.meta.url));

export function loadCaptures(): CapturedMessage[] {
  return readFileSync(VECTORS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const m = JSON.parse(l) as Omit<CapturedMessage, 'bytes'>;
      return { ...m, bytes: new Uint8Array(Buffer.from(m.hex, 'hex')) };
    });
}
