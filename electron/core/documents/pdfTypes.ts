/**
 * The typed subset of pdfmake 0.3's document definition that Kalkan builds.
 * pdfmake ships no TypeScript types; TypeScript never imports pdfmake itself
 * (only pdfWorker.mjs does), so these types describe the JSON that crosses
 * into the worker. Functions cannot cross: table layouts are referred to by
 * name (defined in pdfWorker.mjs) and the header/footer are JSON templates in
 * which "%PAGE%" and "%PAGES%" become the page numbers.
 */

export type Margin = number | [number, number] | [number, number, number, number];
export type Alignment = 'left' | 'right' | 'center' | 'justify';

/** Fonts registered by the renderer (resources/fonts): DejaVu Sans and DejaVu Sans Mono. */
export type FontFamily = 'Sans' | 'Mono';

/** Layouts by name: pdfmake's own plus the ones defined in pdfWorker.mjs. */
export type TableLayoutName = 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines' | 'kalkanData' | 'kalkanKeyValue' | 'kalkanBoxes' | 'kalkanPlain' | 'kalkanFill';

export interface TextStyle {
  font?: FontFamily;
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  lineHeight?: number;
  characterSpacing?: number;
  alignment?: Alignment;
  decoration?: 'underline' | 'lineThrough' | 'overline';
  fillColor?: string;
  margin?: Margin;
  preserveLeadingSpaces?: boolean;
  noWrap?: boolean;
}

export interface InlineText extends TextStyle {
  text: string | Array<string | InlineText>;
  style?: string | string[];
}

export interface NodeProps extends TextStyle {
  style?: string | string[];
  pageBreak?: 'before' | 'after';
  /** Keep the whole node on one page when it fits on one. */
  unbreakable?: boolean;
  /** 1 = a section heading: never left alone at the bottom of a page. */
  headlineLevel?: number;
  id?: string;
  width?: number | 'auto' | '*' | string;
  // As a table cell:
  colSpan?: number;
  rowSpan?: number;
  border?: [boolean, boolean, boolean, boolean];
}

export interface TextNode extends NodeProps {
  text: string | Array<string | InlineText>;
}
export interface StackNode extends NodeProps {
  stack: Content[];
}
export interface ColumnsNode extends NodeProps {
  columns: Content[];
  columnGap?: number;
}
export interface ListNode extends NodeProps {
  ul?: Content[];
  ol?: Content[];
}

export type ColumnWidth = number | 'auto' | '*' | `${number}%`;

export interface TableNode extends NodeProps {
  table: {
    body: Content[][];
    widths?: ColumnWidth[];
    /** Rows repeated at the top of every page the table continues on. */
    headerRows?: number;
    /** Rows after the header that must stay on the header's page. */
    keepWithHeaderRows?: number;
    dontBreakRows?: boolean;
    heights?: number | number[];
  };
  layout?: TableLayoutName;
}

export type CanvasElement =
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth?: number; lineColor?: string; dash?: { length: number; space?: number } }
  | { type: 'rect'; x: number; y: number; w: number; h: number; lineWidth?: number; lineColor?: string; color?: string; r?: number };

export interface CanvasNode extends NodeProps {
  canvas: CanvasElement[];
}
export interface ImageNode extends NodeProps {
  /** A key of `images`, a data: URL, or a file under resources/ (anything else is refused). */
  image: string;
  fit?: [number, number];
  height?: number;
}

/** An SVG drawing (charts). Images inside it obey the same rules as `image`. */
export interface SvgNode extends NodeProps {
  svg: string;
  fit?: [number, number];
  height?: number;
}

export type Content = string | TextNode | StackNode | ColumnsNode | ListNode | TableNode | CanvasNode | ImageNode | SvgNode | Content[];

export interface PdfPermissions {
  printing?: 'lowResolution' | 'highResolution';
  modifying?: boolean;
  copying?: boolean;
  annotating?: boolean;
  fillingForms?: boolean;
  contentAccessibility?: boolean;
  documentAssembly?: boolean;
}

export interface DocDefinition {
  content: Content;
  /** JSON templates, repeated on every page; "%PAGE%" / "%PAGES%" are replaced per page. */
  header?: Content;
  footer?: Content;
  pageSize?: 'A4';
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins?: Margin;
  defaultStyle?: TextStyle;
  styles?: Record<string, TextStyle>;
  images?: Record<string, string>;
  info?: { title?: string; author?: string; subject?: string; keywords?: string; creator?: string; producer?: string };
  /** PDF version; '1.7ext3' gives AES-256 when a password is set. */
  version?: '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
  language?: string;
  compress?: boolean;
  userPassword?: string;
  ownerPassword?: string;
  permissions?: PdfPermissions;
}

/** Font files per family, as pdfmake's setFonts() takes them. */
export type FontTable = Record<FontFamily, { normal: string; bold: string; italics: string; bolditalics: string }>;
