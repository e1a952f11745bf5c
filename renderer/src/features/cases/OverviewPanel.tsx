import { Pencil, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../../../shared/api/schemas/cases';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ageOf, personName } from './format';
import { useLookups } from './useLookups';
import { Button } from '../../components/ui/Button';
import { useCan } from '../auth/SessionContext';
import type { FileChange } from './caseFileUpdates';
import { PersonDialog, type PersonDialogMode } from './PersonDialog';
import { caseWritable } from '../../../../shared/api/schemas/cases';

export function OverviewPanel({ file, onChange }: { file: CaseFile; onChange(change: FileChange): void }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('case:write') && caseWritable(file.case);
  const [dialog, setDialog] = useState<PersonDialogMode | null>(null);
  const channels = useLookups('channel');
  const concerns = useLookups('concern');
  const lang = i18n.language;
  return (
    <div className="two-col">
      <div className="panel">
        <div className="panel-head">
          <h2>{t('cases.people')}</h2>
          {canWrite ? (
            <Button onPress={() => setDialog({ kind: 'add' })}>
              <UserPlus aria-hidden="true" size={16} /> {t('cases.addPerson')}
            </Button>
          ) : null}
        </div>
        <ul className="people-list">
          {file.members.map((m) => {
            const age = ageOf(m.person);
            return (
              <li key={m.memberId} className="person-row">
                <div>
                  <strong>{personName(m.person)}</strong>
                  <span className="hint"> · {t(`roles.member.${m.role}`)}</span>
                  {m.relationship && m.relationship !== 'self' ? <span className="hint"> · {t(`relationship.${m.relationship}`)}</span> : null}
                  {m.isPrimary ? <span className="tag">{t('cases.primaryChild')}</span> : null}
                  {canWrite ? (
                    <Button variant="quiet" onPress={() => setDialog({ kind: 'edit', member: m })} aria-label={t('cases.editPerson', { name: personName(m.person) })}>
                      <Pencil aria-hidden="true" size={14} />
                    </Button>
                  ) : null}
                </div>
                <div className="hint">
                  {m.person.birthDate ? formatDate(m.person.birthDate, lang) : m.person.birthYear ? t('cases.bornAbout', { year: m.person.birthYear }) : t('cases.birthUnknown')}
                  {age !== null ? ` (${t('cases.age', { count: age })})` : ''}
                  {m.person.idNumber ? ` · ${t(`person.idTypes.${m.person.idType ?? 'tc'}`)} ${m.person.idNumber}` : ''}
                  {m.person.school ? ` · ${m.person.school}` : ''}
                  {m.person.disability ? ` · ${t('person.disability')}: ${m.person.disability}` : ''}
                </div>
                {m.role === 'caregiver' && m.offending !== null ? <div className="hint">{m.offending ? t('cases.offending') : t('cases.nonOffending')}</div> : null}
                {m.contactWithChild ? <div className="hint">{t('intake.contact')}: {t(`contact.${m.contactWithChild}`)}</div> : null}
                {m.otherCases.length ? (
                  <div className="hint">
                    {t('cases.alsoIn')}{' '}
                    {m.otherCases.map((o) => (o.visible ? <a key={o.id} href={`#/cases/${o.id}`}>{o.caseNumber} </a> : <span key={o.id}>{o.caseNumber} </span>))}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        <p className="hint">
          {[file.household.address, file.household.district, file.household.city].filter(Boolean).join(', ')}
          {file.household.phone ? ` · ${file.household.phone}` : ''}
        </p>
      </div>
      <div className="panel">
        <h2>{t('cases.intakes')}</h2>
        <ul className="timeline">
          {file.intakes.map((intake) => (
            <li key={intake.id}>
              <div>
                <strong>{formatDateTime(intake.receivedAt, lang)}</strong> · {channels.labelOf(intake.channel)} · <span className="tag">{t(`cases.intakeKind.${intake.kind}`)}</span>
              </div>
              <div className="hint">
                {intake.reporter.anonymous ? t('cases.anonymousReporter') : [intake.reporter.name, intake.reporter.relation].filter(Boolean).join(', ')}
              </div>
              <div className="tags">
                {intake.concerns.map((c) => (
                  <span key={c} className="tag">
                    {concerns.labelOf(c)}
                  </span>
                ))}
              </div>
              <p className="prewrap">{intake.summary}</p>
            </li>
          ))}
        </ul>
        <h2>{t('cases.history')}</h2>
        <PersonDialog
          caseId={file.case.id}
          mode={dialog}
          onClose={() => setDialog(null)}
          onSaved={(change) => {
            setDialog(null);
            onChange(change);
          }}
        />
        <ul className="timeline compact">
          {file.statusHistory.map((h) => (
            <li key={h.id}>
              {formatDateTime(h.at, lang)} · {t(`cases.historyEvent.${h.event}`)} → {t(`cases.status.${h.to}`)} · {h.by.displayName}
              {h.reason ? <span className="hint"> — {h.reason}</span> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
