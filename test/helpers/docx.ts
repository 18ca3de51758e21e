// A .docx read back by a docx reader (mammoth), as Word would open it — not by pattern-matching its XML.
import mammoth from 'mammoth';
import { expect } from 'vitest';

export type DocxParagraph = { kind: 'p'; text: string; align: string | null; font: string | null; size: number | null };
export type DocxTable = { kind: 'table'; rows: string[][] };
type MammothNode = { type: string; value?: string; alignment?: string | null; font?: string | null; fontSize?: number | null; children?: MammothNode[] };

/**
 * A .docx as mammoth reads it: the body's paragraphs (their text, alignment, and the font and size in points of their
 * first run) and tables (the text of each cell) in document order, and mammoth's HTML of the whole.
 */
export async function readDocx(file: string | Buffer): Promise<{ blocks: Array<DocxParagraph | DocxTable>; html: string }> {
  const textOf = (n: MammothNode): string => (n.type === 'text' ? (n.value ?? '') : (n.children ?? []).map(textOf).join(''));
  let blocks: Array<DocxParagraph | DocxTable> = [];
  const transformDocument = (doc: MammothNode) => {
    blocks = (doc.children ?? []).flatMap((b): Array<DocxParagraph | DocxTable> => {
      if (b.type === 'table') return [{ kind: 'table', rows: (b.children ?? []).map((row) => (row.children ?? []).map(textOf)) }];
      if (b.type !== 'paragraph') return [];
      const first = (b.children ?? []).find((c) => c.type === 'run');
      return [{ kind: 'p', text: textOf(b), align: b.alignment ?? null, font: first?.font ?? null, size: first?.fontSize ?? null }];
    });
    return doc;
  };
  const result = await mammoth.convertToHtml(typeof file === 'string' ? { path: file } : { buffer: file }, { transformDocument });
  expect(result.messages).toEqual([]);
  return { blocks, html: result.value };
}
