import { useState } from 'react';
import { Checkbox, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CONTACT_WITH_CHILD, MEMBER_ROLES, RELATIONSHIPS, type DuplicateCandidate, type Member, type MemberRole } from '../../../../shared/api/schemas/cases';
import { ApiError, call } from '../../api/client';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Select } from '../../components/ui/Select';
import { DuplicateWarning } from './DuplicateWarning';
import { fieldErrorOf, formErrorOf } from './fieldErrors';
import { withMember, withPerson, type FileChange } from './caseFileUpdates';
import { emptyPerson, PersonFields, personInput, type PersonDraft } from './PersonFields';

export type PersonDialogMode = { kind: 'add' } | { kind: 'edit'; member: Member };

function draftOf(member: Member): PersonDraft {
  const p = member.person;
  return {
    ...emptyPerson(),
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate ?? '',
    approxAge: !p.birthDate && p.birthYear ? String(new Date().getFullYear() - p.birthYear) : '',
    sex: p.sex,
    nationality: p.nationality ?? '',
    legalStatus: p.legalStatus ?? 'unknown',
    idType: p.idType ?? 'none',
    idNumber: p.idNumber ?? '',
    school: p.school ?? '',
    disability: p.disability ?? '',
    phone: p.phone ?? '',
  };
}

/**
 * Adds a person to the case (a known person is linked, never entered twice)
 * or edits one. An edit names the version it started from; if a colleague
 * saved the person meanwhile the core refuses and nothing is overwritten.
 */
/** `onSaved`: the change to the case file, made from the writes' replies (no reload). */
export function PersonDialog({ caseId, mode, onClose, onSaved }: { caseId: number; mode: PersonDialogMode | null; onClose(): void; onSaved(change: FileChange): void }) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={mode !== null} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal modal-wide">
        <Dialog className="dialog">{mode ? <PersonForm key={mode.kind === 'edit' ? mode.member.memberId : 'add'} caseId={caseId} mode={mode} onClose={onClose} onSaved={onSaved} /> : null}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function PersonForm({ caseId, mode, onClose, onSaved }: { caseId: number; mode: PersonDialogMode; onClose(): void; onSaved(change: FileChange): void }) {
  const { t } = useTranslation();
  const editing = mode.kind === 'edit' ? mode.member : null;
  const [person, setPerson] = useState<PersonDraft>(() => (editing ? draftOf(editing) : emptyPerson()));
  const [role, setRole] = useState<MemberRole>(editing?.role ?? 'child');
  const [relationship, setRelationship] = useState<string>(editing?.relationship ?? 'self');
  const [offending, setOffending] = useState(editing?.offending ?? false);
  const [contact, setContact] = useState<string>(editing?.contactWithChild ?? 'unknown');
  const [linked, setLinked] = useState<DuplicateCandidate | null>(null);
  const [confirmedNew, setConfirmedNew] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const membership = {
    role,
    relationship: relationship as (typeof RELATIONSHIPS)[number],
    ...(role === 'caregiver' ? { offending } : {}),
    ...(role === 'alleged_perpetrator' || (role === 'caregiver' && offending) ? { contactWithChild: contact as (typeof CONTACT_WITH_CHILD)[number] } : {}),
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (editing) {
        const { firstName, lastName, ...rest } = personInput(person);
        const saved = await call('cases.updatePerson', { personId: editing.person.id, expectedVersion: editing.person.version, patch: { firstName, lastName, ...rest } });
        const member = await call('cases.updateMember', { caseId, memberId: editing.memberId, ...membership });
        onSaved((f) => withMember(withPerson(f, saved), member));
      } else {
        const member = await call('cases.addPerson', { caseId, member: linked ? { personId: linked.personId, ...membership } : { person: personInput(person), confirmedNew, ...membership } });
        onSaved((f) => withMember(f, member));
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal' }));
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (field: string) => fieldErrorOf(t, error, `member.person.${field}`) ?? fieldErrorOf(t, error, `patch.${field}`) ?? fieldErrorOf(t, error, field);

  return (
    <>
      <Heading slot="title">{editing ? t('cases.editPerson', { name: `${editing.person.firstName} ${editing.person.lastName}` }) : t('cases.addPerson')}</Heading>
      <div className="form">
        <div className="grid-fields">
          <Select label={t('intake.role')} value={role} onChange={(r) => setRole(r as MemberRole)} options={MEMBER_ROLES.map((r) => ({ id: r, label: t(`roles.member.${r}`) }))} />
          <Select label={t('intake.relationship')} value={relationship} onChange={setRelationship} options={RELATIONSHIPS.map((r) => ({ id: r, label: t(`relationship.${r}`) }))} />
          {role === 'caregiver' ? (
            <Checkbox className="checkbox filter-check" isSelected={offending} onChange={setOffending}>
              <span className="checkbox-box" aria-hidden="true" />
              {t('intake.offending')}
            </Checkbox>
          ) : null}
          {role === 'alleged_perpetrator' || (role === 'caregiver' && offending) ? (
            <Select label={t('intake.contact')} value={contact} onChange={setContact} options={CONTACT_WITH_CHILD.map((c) => ({ id: c, label: t(`contact.${c}`) }))} />
          ) : null}
        </div>
        {linked ? (
          <Alert tone="info">
            {t('intake.linked', { name: `${linked.firstName} ${linked.lastName}` })}{' '}
            <Button variant="quiet" onPress={() => setLinked(null)}>
              {t('intake.unlink')}
            </Button>
          </Alert>
        ) : (
          <>
            <PersonFields value={person} onChange={(next) => (setPerson(next), setConfirmedNew(false))} errorFor={errorFor} child={role === 'child' || role === 'sibling'} />
            {!editing ? <DuplicateWarning draft={person} confirmedNew={confirmedNew} onLink={setLinked} onConfirmNew={() => setConfirmedNew(true)} /> : null}
          </>
        )}
        {error ? <Alert tone="error">{error.error.code === 'people.conflict' ? t('cases.personConflict') : formErrorOf(t, error)}</Alert> : null}
        <div className="form-actions">
          <Button variant="quiet" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" onPress={() => void save()} isDisabled={busy || (!linked && !person.firstName.trim())}>
            {t('common.save')}
          </Button>
        </div>
      </div>
    </>
  );
}
