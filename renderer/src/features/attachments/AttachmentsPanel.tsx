import { Download, Eye, Paperclip, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Button as AriaButton, Cell, Column, Dialog, DropZone, FileTrigger, Heading, Modal, ModalOverlay, Row, Table, TableBody, TableHeader, Text } from 'react-aria-components';
import type { DropItem } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AttachmentContent, AttachmentMeta } from '../../../../shared/api/schemas/attachments';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { ReasonDialog } from '../../components/ReasonDialog';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Select } from '../../components/ui/Select';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { personName } from '../cases/format';
import { caseWritable } from '../../../../shared/api/schemas/cases';

/** File bytes → base64, in slices (a 20 MB file would overflow String.fromCharCode's arguments). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Sizes below a megabyte in KB (formatBytes would say "0 MB"). */
function sizeText(bytes: number, language: string): string {
  if (bytes >= 1024 * 1024) return formatBytes(bytes, language);
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'tr-TR', { maximumFractionDigits: 1 }).format(Math.max(0.1, bytes / 1024))} KB`;
}

const PREVIEWABLE = new Set(['pdf', 'jpeg', 'png']);

/**
 * The case's attachments (issue 17): add by file picker or drag and drop, list (metadata only),
 * preview PDFs and images from bytes the router hands over (a blob: URL, revoked on close; no
 * file://), save (audited), and a supervisor's delete with a reason (a tombstone).
 */
export function AttachmentsPanel({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const caseId = file.case.id;
  const list = useCall('attachments.list', { caseId });
  const canWrite = useCan('case:write') && caseWritable(file.case);
  const canDelete = useCan('case:approve');
  const [personId, setPersonId] = useState('none');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<AttachmentContent | null>(null);
  const [deleting, setDeleting] = useState<AttachmentMeta | null>(null);
  const names = new Map(file.members.map((m) => [m.person.id, personName(m.person)]));

  const addFiles = async (files: File[]) => {
    setError(null);
    for (const f of files) {
      setStatus(t('attachments.adding', { name: f.name }));
      try {
        await call('attachments.add', { caseId, fileName: f.name, base64: await toBase64(f), ...(personId !== 'none' ? { personId: Number(personId) } : {}) });
        setStatus(t('attachments.added', { name: f.name }));
      } catch (e) {
        setStatus(null);
        setError(`${f.name}: ${messageOf(t, e)}`);
        break;
      }
    }
    list.reload();
  };

  const dropped = async (items: DropItem[]) => {
    const files = await Promise.all(items.filter((i): i is Extract<DropItem, { kind: 'file' }> => i.kind === 'file').map((i) => i.getFile()));
    await addFiles(files);
  };

  const open = async (a: AttachmentMeta) => {
    setError(null);
    try {
      setPreview(await call('attachments.content', { attachmentId: a.id, purpose: 'preview' }));
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  const save = async (a: AttachmentMeta) => {
    setError(null);
    try {
      const content = await call('attachments.content', { attachmentId: a.id, purpose: 'download' });
      const url = URL.createObjectURL(new Blob([fromBase64(content.base64)], { type: a.mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = a.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  const linkLabel = (a: AttachmentMeta): string => {
    if (!a.link) return t('attachments.noLink');
    if (a.link.kind === 'person') return names.get(a.link.id) ?? t('attachments.linkKind.person');
    return `${t(`attachments.linkKind.${a.link.kind}`)} #${a.link.id}`;
  };

  const items = list.data?.items ?? [];
  return (
    <div>
      {canWrite ? (
        <div className="panel">
          <h2>{t('attachments.title')}</h2>
          <Select
            label={t('attachments.linkPerson')}
            value={personId}
            onChange={setPersonId}
            options={[{ id: 'none', label: t('attachments.noLink') }, ...file.members.map((m) => ({ id: String(m.person.id), label: personName(m.person) }))]}
          />
          <DropZone className="drop-zone" aria-label={t('attachments.drop')} onDrop={(e) => void dropped(e.items)}>
            <Paperclip aria-hidden="true" size={20} />
            <Text slot="label">{t('attachments.drop')}</Text>
            <FileTrigger allowsMultiple acceptedFileTypes={['application/pdf', 'image/jpeg', 'image/png', '.doc', '.docx', '.xls', '.xlsx', '.pptx', '.odt', '.ods']} onSelect={(fl) => fl && void addFiles([...fl])}>
              <AriaButton className="btn btn-primary">{t('attachments.add')}</AriaButton>
            </FileTrigger>
          </DropZone>
          <p className="hint">{t('attachments.hint', { maxMb: list.data?.maxMb ?? 25 })}</p>
          {status ? <p role="status">{status}</p> : null}
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Table aria-label={t('attachments.title')} className="table">
        <TableHeader>
          <Column isRowHeader>{t('attachments.name')}</Column>
          <Column>{t('attachments.size')}</Column>
          <Column>{t('attachments.link')}</Column>
          <Column>{t('attachments.addedBy')}</Column>
          <Column>{t('attachments.sha256')}</Column>
          <Column>{t('attachments.actions')}</Column>
        </TableHeader>
        <TableBody items={items} dependencies={[i18n.language, canDelete]} renderEmptyState={() => (list.data ? t('attachments.empty') : t('app.loading'))}>
          {(a) => (
            <Row id={a.id}>
              <Cell>
                {a.fileName} <span className="hint">({a.kind.toUpperCase()})</span>
                {a.deleted ? <div className="hint">{t('attachments.deletedInfo', { name: a.deleted.by.displayName, date: formatDateTime(a.deleted.at, i18n.language), reason: a.deleted.reason })}</div> : null}
              </Cell>
              <Cell>{sizeText(a.size, i18n.language)}</Cell>
              <Cell>{linkLabel(a)}</Cell>
              <Cell>
                {a.addedBy.displayName}, {formatDateTime(a.addedAt, i18n.language)}
              </Cell>
              <Cell>
                <span className="mono hash" title={a.sha256}>
                  {a.sha256.slice(0, 16)}…
                </span>
              </Cell>
              <Cell>
                {a.deleted ? null : (
                  <span className="row-actions">
                    {PREVIEWABLE.has(a.kind) ? (
                      <Button variant="quiet" onPress={() => void open(a)} aria-label={`${t('attachments.preview')}: ${a.fileName}`}>
                        <Eye aria-hidden="true" size={16} /> {t('attachments.preview')}
                      </Button>
                    ) : null}
                    <Button variant="quiet" onPress={() => void save(a)} aria-label={`${t('attachments.save')}: ${a.fileName}`}>
                      <Download aria-hidden="true" size={16} /> {t('attachments.save')}
                    </Button>
                    {canDelete ? (
                      <Button variant="quiet" onPress={() => setDeleting(a)} aria-label={`${t('attachments.delete')}: ${a.fileName}`}>
                        <Trash2 aria-hidden="true" size={16} /> {t('attachments.delete')}
                      </Button>
                    ) : null}
                  </span>
                )}
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      {preview ? <PreviewDialog content={preview} onClose={() => setPreview(null)} /> : null}
      {deleting ? (
        <DeleteDialog
          attachment={deleting}
          onClose={(changed) => {
            setDeleting(null);
            if (changed) list.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function PreviewDialog({ content, onClose }: { content: AttachmentContent; onClose(): void }) {
  const { t } = useTranslation();
  const a = content.attachment;
  const url = useMemo(() => URL.createObjectURL(new Blob([fromBase64(content.base64)], { type: a.mime })), [content, a.mime]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const title = t('attachments.previewTitle', { name: a.fileName });
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(o) => !o && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">
          <Heading slot="title">{title}</Heading>
          <p className="hint">
            {t('attachments.sha256')}: <span className="mono hash-full">{a.sha256}</span>
          </p>
          {a.kind === 'pdf' ? (
            <iframe src={url} title={title} className="pdf-frame" />
          ) : a.kind === 'png' || a.kind === 'jpeg' ? (
            <img src={url} alt={a.fileName} className="attachment-image" />
          ) : (
            <p>{t('attachments.noPreview')}</p>
          )}
          <div className="form-actions">
            <Button variant="primary" onPress={onClose} autoFocus>
              {t('attachments.close')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function DeleteDialog({ attachment, onClose }: { attachment: AttachmentMeta; onClose(changed: boolean): void }) {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      isOpen
      title={t('attachments.deleteTitle')}
      reasonLabel={t('attachments.deleteReason')}
      confirmLabel={t('attachments.deleteConfirm')}
      cancelLabel={t('attachments.cancel')}
      onCancel={() => onClose(false)}
      onConfirm={async (reason) => {
        await call('attachments.delete', { attachmentId: attachment.id, reason });
        onClose(true);
      }}
    >
      <p>
        <strong>{attachment.fileName}</strong> — {t('attachments.deleteText')}
      </p>
    </ReasonDialog>
  );
}
