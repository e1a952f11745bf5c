import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TransferImportResult, TransferPreview } from '../../../../shared/api/schemas/transfers';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { PathField } from '../../components/ui/PathField';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';

const NEW = 'new';

/**
 * Import of a case transferred from another office (issue 17): choose the .kcase, see what
 * arrives (the sender's fingerprint to compare, counts, the duplicate check for each person),
 * then create a new case or merge into the case of the matched child.
 */
export function TransferImportPage() {
  const { t, i18n } = useTranslation();
  const canImport = useCan('case:approve');
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [target, setTarget] = useState<string>(NEW);
  const [result, setResult] = useState<TransferImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };
  const show = () =>
    run(async () => {
      setResult(null);
      setPreview(null);
      const p = await call('transfers.preview', { file });
      setPreview(p);
      setTarget(NEW);
    });
  const commit = () =>
    run(async () => {
      const done = await call('transfers.import', target === NEW ? { file } : { file, targetCaseId: Number(target) });
      setResult(done);
      setPreview(null);
    });

  if (!canImport) return <Alert tone="error">{t('errors.auth.forbidden')}</Alert>;
  return (
    <section aria-labelledby="page-title" className="page">
      <p className="hint">
        <a href="#/cases">{t('pages.cases.title')}</a> / {t('transfers.import.title')}
      </p>
      <h1 id="page-title">{t('transfers.import.title')}</h1>
      <p className="hint">{t('transfers.import.intro')}</p>
      <div className="inline-form wide-path">
        <PathField
          label={t('transfers.import.file')}
          description={t('transfers.import.fileHint')}
          value={file}
          onChange={(path) => {
            setFile(path);
            setPreview(null);
          }}
          mode="open"
          purpose="transferFile"
          isRequired
        />
        <Button variant="primary" isDisabled={busy || !file.trim()} onPress={() => void show()}>
          {t('transfers.import.preview')}
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {result ? (
        <Alert tone="success">
          {t(result.merged ? 'transfers.import.doneMerged' : 'transfers.import.doneNew', { case: result.caseNumber, office: result.sender.office || result.sender.fingerprint })}{' '}
          {t('transfers.import.doneCounts', { people: result.people, linked: result.linked, notes: result.notes, assessments: result.assessments, attachments: result.attachments, referrals: result.referrals })}{' '}
          <a href={`#/cases/${result.caseId}`}>{t('transfers.import.openCase')}</a>
        </Alert>
      ) : null}
      {preview ? (
        <div className="panel transfer-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('transfers.import.whatArrives')}</h2>
          <dl className="transfer-facts">
            <dt>{t('transfers.import.sender')}</dt>
            <dd>{preview.sender.office || '—'}</dd>
            <dt>{t('transfers.import.senderFingerprint')}</dt>
            <dd className="fingerprint">{preview.sender.fingerprint}</dd>
            <dt>{t('transfers.import.sentAt')}</dt>
            <dd>{formatDateTime(preview.createdAt, i18n.language)}</dd>
            <dt>{t('transfers.import.counts')}</dt>
            <dd>{t('transfers.import.countsText', { ...preview.counts })}</dd>
          </dl>
          <p className="hint">{t('transfers.import.verified')}</p>
          <table className="table">
            <caption>{t('transfers.import.people')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('transfers.import.person')}</th>
                <th scope="col">{t('transfers.import.role')}</th>
                <th scope="col">{t('transfers.import.duplicates')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.people.map((p) => (
                <tr key={p.index}>
                  <th scope="row">
                    {p.firstName} {p.lastName}
                    <span className="hint"> · {p.birthDate ? formatDate(p.birthDate, i18n.language) : (p.birthYear ?? '—')}</span>
                  </th>
                  <td>
                    {t(`roles.member.${p.role}`)}
                    {p.isPrimary ? ` (${t('transfers.import.primary')})` : ''}
                  </td>
                  <td>
                    {p.linkedPersonId !== null ? <strong>{t('transfers.import.linked')}</strong> : null}
                    {p.candidates.length === 0 ? t('transfers.import.noMatch') : null}
                    {p.candidates.length > 0 ? (
                      <ul className="plain-list">
                        {p.candidates.map((c) => (
                          <li key={c.personId}>
                            {t('transfers.import.match', { name: `${c.firstName} ${c.lastName}`, score: Math.round(c.score * 100) })}
                            {c.cases.length ? ` — ${c.cases.map((k) => k.caseNumber).join(', ')}` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <RadioGroup className="choice-group" value={target} onChange={setTarget}>
            <Label className="field-label">{t('transfers.import.how')}</Label>
            <Radio value={NEW} className="choice">
              <span className="choice-dot" aria-hidden="true" />
              {t('transfers.import.asNew')}
            </Radio>
            {preview.mergeTargets.map((m) => (
              <Radio key={m.caseId} value={String(m.caseId)} className="choice">
                <span className="choice-dot" aria-hidden="true" />
                {t('transfers.import.mergeInto', { case: m.caseNumber, status: t(`cases.status.${m.status}`), score: Math.round(m.score * 100) })}
              </Radio>
            ))}
          </RadioGroup>
          {preview.mergeTargets.length === 0 ? <p className="hint">{t('transfers.import.noMergeTarget')}</p> : null}
          <p className="hint">{t(target === NEW ? 'transfers.import.newExplained' : 'transfers.import.mergeExplained')}</p>
          <div className="form-actions">
            <Button variant="primary" isDisabled={busy} onPress={() => void commit()}>
              {t(target === NEW ? 'transfers.import.createCase' : 'transfers.import.merge')}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
