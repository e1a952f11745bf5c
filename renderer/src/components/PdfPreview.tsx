import { Download, Printer } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentResult } from '../../../shared/api/methods/documents';
import { hostDialogs } from '../api/host';
import { Button } from './ui/Button';

function toBlobUrl(result: DocumentResult): string {
  const binary = atob(result.bytesBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * A generated PDF: preview in the page, then save or print. The bytes stay in
 * memory (a blob: URL revoked when the preview closes); nothing is written to
 * disk unless the user saves. `frame={false}`: only the number and Save (a
 * password-protected PDF, which the inline viewer would ask the password for).
 */
export function PdfPreview({ result, fileName, title, frame: showFrame = true }: { result: DocumentResult; fileName: string; title: string; frame?: boolean }) {
  const { t } = useTranslation();
  const url = useMemo(() => toBlobUrl(result), [result]);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  // In the app, Save opens the host's native save dialog (the main process writes the file);
  // the browser harness downloads the blob instead.
  const host = hostDialogs();
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const save = async () => {
    const path = await host?.saveBytes({ purpose: 'pdfSave', defaultPath: fileName, bytesBase64: result.bytesBase64 });
    if (path) setSavedTo(path);
  };

  return (
    <div className="pdf-preview">
      <div className="pdf-toolbar">
        <span>
          {t('documents.number', { number: result.documentNumber })} · {t('documents.pages', { count: result.pages })}
        </span>
        <span className="pdf-actions">
          {host ? (
            <Button onPress={() => void save()}>
              <Download aria-hidden="true" size={16} /> {t('documents.save')}
            </Button>
          ) : (
            <a className="btn btn-secondary" href={url} download={fileName}>
              <Download aria-hidden="true" size={16} /> {t('documents.save')}
            </a>
          )}
          {showFrame ? (
            <Button onPress={() => frame.current?.contentWindow?.print()}>
              <Printer aria-hidden="true" size={16} /> {t('documents.print')}
            </Button>
          ) : null}
        </span>
      </div>
      {savedTo ? (
        <p role="status" className="hint">
          {t('documents.savedTo', { path: savedTo })}
        </p>
      ) : null}
      {/* A password-protected PDF is not shown inline: the viewer would ask for its password. */}
      {showFrame ? <iframe ref={frame} src={url} title={title} className="pdf-frame" /> : null}
    </div>
  );
}
