/** The few pdfkit calls the PDF benchmark's floor uses (pdfkit ships no types; pdfmake depends on it). */
declare module 'pdfkit' {
  interface Margins {
    top: number;
    bottom: number;
    left: number;
    right: number;
  }
  interface PDFDocumentOptions {
    size?: string | [number, number];
    margins?: Margins;
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    pdfVersion?: string;
    compress?: boolean;
    lang?: string;
    info?: Record<string, string>;
  }
  interface TextOptions {
    width?: number;
    align?: 'left' | 'right' | 'center' | 'justify';
    lineGap?: number;
    paragraphGap?: number;
    lineBreak?: boolean;
  }
  class PDFDocument {
    constructor(options?: PDFDocumentOptions);
    x: number;
    y: number;
    page: { width: number; height: number; margins: Margins };
    registerFont(name: string, src: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    moveDown(lines?: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    stroke(): this;
    addPage(): this;
    heightOfString(text: string, options?: TextOptions): number;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(index: number): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    end(): void;
  }
  export default PDFDocument;
}
