/** Base64 for typed arrays (little-endian), so the model file is plain JSON. Pure. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let s = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      s += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
      s += i + 1 < end ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=';
      s += i + 2 < end ? ALPHABET[c & 63]! : '=';
    }
    parts.push(s);
  }
  return parts.join('');
}

export function base64ToBytes(s: string): Uint8Array {
  let len = (s.length / 4) * 3;
  if (s.endsWith('==')) len -= 2;
  else if (s.endsWith('=')) len -= 1;
  const out = new Uint8Array(len);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = LOOKUP[s.charCodeAt(i)]!;
    const b = LOOKUP[s.charCodeAt(i + 1)]!;
    const c = LOOKUP[s.charCodeAt(i + 2)]!;
    const d = LOOKUP[s.charCodeAt(i + 3)]!;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < len) out[o++] = (n >> 16) & 255;
    if (o < len) out[o++] = (n >> 8) & 255;
    if (o < len) out[o++] = n & 255;
  }
  return out;
}

export function encodeTyped(a: Int16Array | Int32Array | Uint32Array | Float32Array): string {
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

export function decodeInt16(s: string): Int16Array {
  const b = base64ToBytes(s);
  return new Int16Array(b.buffer, b.byteOffset, b.byteLength / 2);
}
export function decodeUint32(s: string): Uint32Array {
  const b = base64ToBytes(s);
  return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}
export function decodeFloat32(s: string): Float32Array {
  const b = base64ToBytes(s);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}
