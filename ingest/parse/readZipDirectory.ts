import { Inflate } from 'fflate';

/** One file of a zip as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflate
  compressedSize: number;
  /** The uncompressed size the directory declares: a hostile file can lie about it. */
  size: number;
  /** Where the compressed bytes start (after the local header). */
  dataStart: number;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

/**
 * Reads the central directory (zip64 too) without decompressing anything. Throws on a file
 * with no directory (cut short) or entries pointing outside the file.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  let e = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 22 - 65535);
  while (e >= stop && u32(bytes, e) !== 0x06054b50) e--;
  if (e < stop) throw new Error('no end of central directory');
  let count = u16(bytes, e + 10);
  let offset = u32(bytes, e + 16);
  if (e >= 20 && u32(bytes, e - 20) === 0x07064b50) {
    const z = u64(bytes, e - 12);
    if (z + 56 > bytes.length || u32(bytes, z) !== 0x06064b50) throw new Error('bad zip64 directory');
    count = u64(bytes, z + 32);
    offset = u64(bytes, z + 48);
  }
  const entries: ZipEntry[] = [];
  for (let i = 0, o = offset; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = u16(bytes, o + 10);
    let compressedSize = u32(bytes, o + 20);
    let size = u32(bytes, o + 24);
    const nameLength = u16(bytes, o + 28);
    const extraLength = u16(bytes, o + 30);
    let local = u32(bytes, o + 42);
    const name = new TextDecoder().decode(bytes.subarray(o + 46, o + 46 + nameLength));
    // zip64: the sizes and offset that overflowed 32 bits are in extra field 0x0001, in order.
    for (let x = o + 46 + nameLength, end = x + extraLength; x + 4 <= end; x += 4 + u16(bytes, x + 2)) {
      if (u16(bytes, x) !== 0x0001) continue;
      let p = x + 4;
      if (size === 0xffffffff) (size = u64(bytes, p)), (p += 8);
      if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, p)), (p += 8);
      if (local === 0xffffffff) local = u64(bytes, p);
    }
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (dataStart + compressedSize > bytes.length) throw new Error(`${name} runs past the end of the file`);
    entries.push({ name, method, compressedSize, size, dataStart });
    o += 46 + nameLength + extraLength + u16(bytes, o + 32);
  }
  return entries;
}

/** Compressed input fed per step: one step inflates at most ~16 MB (deflate's 1:1032). */
const STEP = 16384;

/**
 * How many bytes the entry really inflates to, stopping as soon as it passes `cap`: the work
 * and memory stay bounded even when the directory lies about the size. Output is counted,
 * shown to `onChunk` (which may throw to stop), and dropped, never kept.
 */
export function inflatedSize(bytes: Uint8Array, entry: ZipEntry, cap: number, onChunk?: ((chunk: Uint8Array) => void) | null): number {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    for (let at = 0; onChunk && at < data.length; at += STEP * 64) onChunk(data.subarray(at, at + STEP * 64));
    return data.length;
  }
  if (entry.method !== 8) throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= cap) onChunk?.(chunk);
  });
  for (let at = 0; at < data.length && total <= cap; at += STEP) {
    inflate.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  }
  return total;
}
