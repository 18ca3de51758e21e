// Checks an .xlsx (a zip) against size limits before exceljs unpacks it into memory. A 24 MB workbook that unpacked to
// 4.75 GB made the import die out of memory after 55 s (issue 17); exceljs (JSZip) inflates every part whole and only
// then compares it with the size the zip declared. Here the central directory's declared sizes are added up first,
// then every part is inflated as a stream (nothing kept) and stopped as soon as it outgrows what it declared or the
// limits, counting the rows and cells of the worksheets on the way. Memory stays at one 64 KB chunk.
import { createInflateRaw } from 'node:zlib';

export const XLSX_LIMITS = {
  /** All parts of the workbook unpacked together; a province's register (10,000 projects) is some 20 MB. */
  uncompressedBytes: 200 * 1024 * 1024,
  /** Rows of any one worksheet. */
  rowsPerSheet: 50_000,
  /** Cells of all worksheets together (10,000 projects × 16 columns = 160,000); exceljs holds 1,000,000 in about 500 MB. */
  cells: 1_000_000,
  /** Parts in the zip; a workbook has a few dozen. */
  entries: 10_000,
} as const;

type Entry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localOffset: number };
export type ZipCheck = { ok: true } | { ok: false; reason: string; corrupt?: true };

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round(n / MB)} MB`;
const count = (n: number) => n.toLocaleString('en-US');
const MAX32 = 0xffffffff;

function tooLarge(what: string): ZipCheck {
  return {
    ok: false,
    reason:
      `${what}，超出导入上限（解压后合计不超过 ${mb(XLSX_LIMITS.uncompressedBytes)}，每个工作表不超过 ${count(XLSX_LIMITS.rowsPerSheet)} 行，` +
      `全部工作表合计不超过 ${count(XLSX_LIMITS.cells)} 个单元格），未读取。项目库只需“项目”“单位”“领导”三个工作表，` +
      '请删除多余的工作表、空行和格式后另存为 .xlsx 再导入',
  };
}

const corrupt = (detail: string): ZipCheck => ({ ok: false, corrupt: true, reason: detail });

/** The zip's central directory: every part's name, method and declared sizes; why not, when it cannot be read. */
function centralDirectory(bytes: Uint8Array): Entry[] | { tooMany: number } | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return '找不到 zip 目录（文件可能不完整）';
  let total = u16(eocd + 10);
  let cdOffset = u32(eocd + 16);
  if ((total === 0xffff || cdOffset === MAX32) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 20 + 8);
    if (z + 56 > bytes.length || u32(z) !== 0x06064b50) return 'zip64 目录无效';
    total = u64(z + 32);
    cdOffset = u64(z + 48);
  }
  if (total > XLSX_LIMITS.entries) return { tooMany: total };
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let n = 0; n < total; n++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return 'zip 目录项无效';
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    if (at + 46 + nameLen + extraLen > bytes.length) return 'zip 目录项无效';
    const entry: Entry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen)),
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      uncompressedSize: u32(at + 24),
      localOffset: u32(at + 42),
    };
    // ZIP64: the sizes and offset that do not fit 32 bits follow in the extra field 0x0001, in this order.
    for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen; ) {
      const id = u16(e);
      const size = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const next = () => {
          const v = p + 8 <= e + 4 + size ? u64(p) : MAX32;
          p += 8;
          return v;
        };
        if (entry.uncompressedSize === MAX32) entry.uncompressedSize = next();
        if (entry.compressedSize === MAX32) entry.compressedSize = next();
        if (entry.localOffset === MAX32) entry.localOffset = next();
      }
      e += 4 + size;
    }
    entries.push(entry);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Counts "<row" and "<c" elements in worksheet XML that arrives in chunks (a tag may be cut between two). */
function xmlCounter() {
  let tail = '';
  let rows = 0;
  let cells = 0;
  const decoder = new TextDecoder();
  return {
    add(chunk: Uint8Array) {
      const text = tail + decoder.decode(chunk, { stream: true });
      rows += text.match(/<(?:\w+:)?row[\s>/]/g)?.length ?? 0;
      cells += text.match(/<(?:\w+:)?c[\s>/]/g)?.length ?? 0;
      // Keep what could be the start of a tag cut at the chunk's end; it is counted with the next chunk.
      const lt = text.lastIndexOf('<');
      tail = lt >= 0 && text.length - lt < 16 && !text.slice(lt).includes('>') ? text.slice(lt) : '';
      if (tail) {
        rows -= tail.match(/<(?:\w+:)?row[\s>/]/g)?.length ?? 0;
        cells -= tail.match(/<(?:\w+:)?c[\s>/]/g)?.length ?? 0;
      }
    },
    get rows() {
      return rows;
    },
    get cells() {
      return cells;
    },
  };
}

/** Inflates one part as a stream, calling `chunk` for each piece; stops (resolving false) once `chunk` says so. */
function inflate(data: Uint8Array, chunk: (c: Buffer) => boolean): Promise<boolean | Error> {
  return new Promise((resolve) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    let done = false;
    const finish = (v: boolean | Error) => {
      if (done) return;
      done = true;
      resolve(v);
    };
    z.on('data', (c: Buffer) => {
      if (!done && !chunk(c)) {
        finish(false);
        z.destroy();
      }
    });
    z.on('error', (err) => finish(err));
    z.on('end', () => finish(true));
    z.end(data);
  });
}

/**
 * Whether the workbook may be handed to exceljs: within the limits, declared and actual. A zip that cannot be read is
 * reported as corrupt (the caller says 文件已损坏), as exceljs would.
 */
export async function checkXlsxLimits(bytes: Uint8Array): Promise<ZipCheck> {
  const dir = centralDirectory(bytes);
  if (typeof dir === 'string') return corrupt(dir);
  if (!Array.isArray(dir)) return tooLarge(`工作簿中有 ${count(dir.tooMany)} 个部件`);
  const declared = dir.reduce((n, e) => n + e.uncompressedSize, 0);
  if (declared > XLSX_LIMITS.uncompressedBytes) return tooLarge(`工作簿解压后共 ${mb(declared)}`);
  let unpacked = 0;
  let cells = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of dir) {
    if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) return corrupt(`部件 ${e.name} 的位置无效`);
    const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (data.length < e.compressedSize) return corrupt(`部件 ${e.name} 不完整`);
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    if (e.method === 0) {
      unpacked += e.compressedSize;
      if (unpacked > XLSX_LIMITS.uncompressedBytes) return tooLarge(`工作簿解压后超过 ${mb(XLSX_LIMITS.uncompressedBytes)}`);
      continue;
    }
    if (e.method !== 8) return corrupt(`部件 ${e.name} 使用了不支持的压缩方式`);
    const counter = sheet ? xmlCounter() : null;
    let size = 0;
    let over: ZipCheck | null = null;
    const result = await inflate(data, (c) => {
      size += c.length;
      unpacked += c.length;
      // A part larger than it declared is what makes JSZip run out of memory before it notices.
      if (size > e.uncompressedSize) over = corrupt(`部件 ${e.name} 解压后大于它声明的大小`);
      else if (unpacked > XLSX_LIMITS.uncompressedBytes) over = tooLarge(`工作簿解压后超过 ${mb(XLSX_LIMITS.uncompressedBytes)}`);
      else if (counter) {
        counter.add(c);
        if (counter.rows > XLSX_LIMITS.rowsPerSheet) over = tooLarge(`工作表（${e.name}）超过 ${count(XLSX_LIMITS.rowsPerSheet)} 行`);
        else if (cells + counter.cells > XLSX_LIMITS.cells) over = tooLarge(`工作表合计超过 ${count(XLSX_LIMITS.cells)} 个单元格`);
      }
      return over === null;
    });
    if (over) return over;
    if (result instanceof Error) return corrupt(`部件 ${e.name} 无法解压（${result.message}）`);
    cells += counter?.cells ?? 0;
  }
  return { ok: true };
}
