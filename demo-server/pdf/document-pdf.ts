import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { DocumentLine, Language } from '../../widget/contract/index.ts';

/**
 * The A4 layout every document PDF shares (sales orders, invoices): the supplier and what the
 * document is, the customer beside the document's particulars, the lines with the table header
 * repeated on every page, the totals kept together, an optional note, and numbered pages.
 */
export interface DocumentPdf {
  /** What the document is, e.g. "Sales order" or "Invoice". */
  title: string;
  number: string;
  currency: string;
  supplier: { name: string; locale: string };
  customer: { business_name: string };
  /** Where the goods go, one line per part, printed under the customer; none: left out. */
  deliverTo?: string[] | null;
  /** Label and value pairs beside the customer, in order (number, dates, status...). */
  details: [string, string][];
  lines: DocumentLine[];
  /** Unit names by `product_id|code`; a line whose unit is not there prints its code. */
  unitNames?: ReadonlyMap<string, string>;
  /** Label, amount in minor units, and whether it is a bold total with a rule above it. */
  totals: [string, number, boolean][];
  note?: string | null;
  /** Recorded as the document's creation date; the same input gives the same bytes. */
  generatedAt: Date;
  /** The language of the frame's own words (headings, columns, page numbers); English by default. */
  language?: Language;
}

/** The words of the layout itself, in each language a document may be printed in. */
const FRAME = {
  en: {
    customer: 'Customer',
    deliverTo: 'Deliver to',
    columns: ['SKU', 'Product', 'Qty', 'Unit', 'Unit price', 'Line total'],
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  es: {
    customer: 'Cliente',
    deliverTo: 'Entregar en',
    columns: ['Ref.', 'Producto', 'Cant.', 'Unidad', 'Precio unit.', 'Importe'],
    page: (n: number, of: number) => `Página ${n} de ${of}`,
  },
} satisfies Record<Language, unknown>;

const MARGIN = 50;
const FOOTER = 24;
// DejaVu Sans, embedded (only the glyphs a document uses): the standard PDF fonts are single-byte
// (WinAnsi) and cannot write "Łódź", "Ελλάδα" or "Москва". Parsed once, when the first PDF is made,
// and shared by every document (each embeds its own subset): parsing it anew cost 40 ms a PDF.
const FONT = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
let parsedFonts: Record<string, fontkit.Font> | undefined;
function fonts(): Record<string, fontkit.Font> {
  const parse = (name: string) =>
    fontkit.create(
      readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`)),
    ) as fontkit.Font;
  parsedFonts ??= { [FONT]: parse(FONT), [BOLD]: parse(BOLD) };
  return parsedFonts;
}
const GREY = '#555555';
const RULE = '#bbbbbb';

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

// A4 is 595.28 pt wide: 495 pt between the margins, the product name takes what is left.
const COLUMNS: Column[] = [
  { title: 'SKU', width: 72, align: 'left' },
  { title: 'Product', width: 0, align: 'left' },
  { title: 'Qty', width: 40, align: 'right' },
  { title: 'Unit', width: 42, align: 'left' },
  { title: 'Unit price', width: 70, align: 'right' },
  { title: 'Line total', width: 76, align: 'right' },
];
const GAP = 8;

/** A long date as the supplier's locale writes it, of an instant or a date (UTC). */
export function longDate(locale: string, value: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(value.length === 10 ? `${value}T00:00:00Z` : value),
  );
}

export function renderDocumentPdf(input: DocumentPdf): Promise<Buffer> {
  const { supplier, customer, generatedAt } = input;
  const words = FRAME[input.language ?? 'en'];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${input.title} ${input.number}`, Author: supplier.name, CreationDate: generatedAt },
  });
  for (const [name, font] of Object.entries(fonts()))
    doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const money = moneyFormat(input.currency, supplier.locale);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  const columns = layout(width, words.columns);

  // Heading: the supplier on the left, what this is on the right.
  doc
    .font(BOLD)
    .fontSize(16)
    .fillColor('black')
    .text(pdfText(supplier.name), left, MARGIN, { width: width * 0.6 });
  const supplierBottom = doc.y;
  doc.text(input.title, left, MARGIN, { width, align: 'right' });
  let y = Math.max(supplierBottom, doc.y) + 18;

  // Customer on the left, the document's particulars on the right.
  doc.font(FONT).fontSize(9).fillColor(GREY).text(words.customer, left, y);
  doc
    .font(BOLD)
    .fontSize(11)
    .fillColor('black')
    .text(pdfText(customer.business_name), left, y + 13, { width: width * 0.45 });
  if (input.deliverTo?.length) {
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor(GREY)
      .text(words.deliverTo, left, doc.y + 8);
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor('black')
      .text(input.deliverTo.map(pdfText).join('\n'), left, doc.y + 3, { width: width * 0.45 });
  }
  const customerBottom = doc.y;
  const labelX = left + width * 0.55;
  const valueX = labelX + 95;
  const valueWidth = left + width - valueX;
  let dy = y;
  for (const [label, value] of input.details) {
    doc.font(FONT).fontSize(9).fillColor(GREY).text(label, labelX, dy, { width: 90 });
    doc.font(BOLD).fontSize(9).fillColor('black').text(pdfText(value), valueX, dy, { width: valueWidth });
    dy = doc.y + 4;
  }
  y = Math.max(customerBottom, dy) + 20;

  const header = (top: number) => {
    doc.font(BOLD).fontSize(9).fillColor('black');
    columns.forEach((c) => doc.text(c.title, c.x, top, { width: c.width, align: c.align }));
    const under = top + 14;
    doc
      .moveTo(left, under)
      .lineTo(left + width, under)
      .lineWidth(0.8)
      .strokeColor('black')
      .stroke();
    return under + 6;
  };
  y = header(y);

  doc.font(FONT).fontSize(9);
  for (const line of input.lines) {
    const cells = [
      pdfText(line.sku),
      pdfText(line.name),
      String(line.quantity),
      pdfText(input.unitNames?.get(`${line.product_id}|${line.uom}`) ?? line.uom),
      money(line.unit_price_minor),
      money(line.line_total_minor),
    ];
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i].width })));
    if (y + height > bottom()) {
      doc.addPage();
      y = header(MARGIN);
      doc.font(FONT).fontSize(9);
    }
    doc.fillColor('black');
    cells.forEach((text, i) => doc.text(text, columns[i].x, y, { width: columns[i].width, align: columns[i].align }));
    y += height + 4;
    doc
      .moveTo(left, y - 2)
      .lineTo(left + width, y - 2)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
  }

  // Totals, kept together under the table.
  const note = input.note ? pdfText(input.note) : null;
  const noteHeight = note ? doc.font(FONT).fontSize(9).heightOfString(note, { width }) + 28 : 0;
  if (y + 10 + 20 * input.totals.length + noteHeight > bottom()) {
    doc.addPage();
    y = MARGIN;
  }
  y += 8;
  const labelLeft = left + width - 230;
  for (const [label, amount, strong] of input.totals) {
    if (strong) {
      doc
        .moveTo(labelLeft, y - 3)
        .lineTo(left + width, y - 3)
        .lineWidth(0.8)
        .strokeColor('black')
        .stroke();
      y += 3;
    }
    doc
      .font(strong ? BOLD : FONT)
      .fontSize(strong ? 11 : 9)
      .fillColor('black');
    doc.text(label, labelLeft, y, { width: 120 });
    doc.text(money(amount), labelLeft + 120, y, { width: 110, align: 'right' });
    y = doc.y + 5;
  }
  if (note) {
    y += 15;
    doc.font(FONT).fontSize(9).fillColor(GREY).text('Note', left, y);
    doc.fillColor('black').text(note, left, y + 12, { width });
  }

  // Footer on every page; the bottom margin is lifted so writing there does not start a new page.
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(GREY)
      .text(
        `${pdfText(input.number)} \u00b7 ${words.page(i - pages.start + 1, pages.count)}`,
        left,
        doc.page.height - MARGIN - 10,
        { width, align: 'right', lineBreak: false },
      );
    doc.page.margins.bottom = margins;
  }
  doc.end();
  return done;
}

function layout(width: number, titles: readonly string[]) {
  const fixed = COLUMNS.reduce((sum, c) => sum + c.width, 0) + GAP * (COLUMNS.length - 1);
  let x = MARGIN;
  return COLUMNS.map((c, i) => {
    const column = { ...c, title: titles[i] ?? c.title, x, width: c.width || width - fixed };
    x += column.width + GAP;
    return column;
  });
}

/** Integer minor units in the order's currency, formatted as the supplier's locale writes money. */
function moneyFormat(currency: string, locale: string) {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return (minor: number) => pdfText(format.format(minor / 10 ** digits));
}

// Line breaks kept, every other kind of space a plain one (Intl writes narrow no-break spaces),
// composed characters (one glyph each), and "?" for a character the font has no glyph for (CJK,
// emoji), rather than an empty box.
function pdfText(text: string): string {
  const font = fonts()[FONT];
  return [
    ...text
      .replace(/\r\n?/g, '\n')
      .normalize('NFC')
      .replace(/[^\S\n]/gu, ' '),
  ]
    .map((char) => (char === '\n' || font.hasGlyphForCodePoint(char.codePointAt(0)!) ? char : '?'))
    .join('');
}
