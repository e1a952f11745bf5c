import { useState, type FormEvent } from 'react';
import { Cell, Checkbox, CheckboxGroup, Column, Dialog, Form, Heading, Label, Modal, ModalOverlay, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/api/schemas/auth';
import { USER_TITLES, type UserTitle } from '../../../../shared/api/schemas/office';
import { Select } from '../../components/ui/Select';
import { ROLES, type Role } from '../../../../shared/auth/permissions';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { TextField } from '../../components/ui/Field';
import { PasswordStrength } from '../../components/ui/PasswordStrength';
import { usePasswordCheck } from '../../components/ui/usePasswordCheck';
import { useCurrentSession, useOfficePasswordNames, useSession } from '../auth/SessionContext';

type Editing = { kind: 'create' } | { kind: 'edit'; user: UserSummary } | { kind: 'reset'; user: UserSummary } | null;

export function UsersPanel({ onRotate }: { onRotate?: () => void } = {}) {
  const { t } = useTranslation();
  const [offerRotation, setOfferRotation] = useState(false);
  const me = useCurrentSession().user;
  const users = useCall('users.list', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { refresh } = useSession();
  /** Not now: the session learns that rotation is recommended (the dashboard's banner). */
  const later = () => {
    setOfferRotation(false);
    void refresh('reload');
  };

  const toggleDisabled = async (user: UserSummary) => {
    setError(null);
    try {
      await call('users.update', { id: user.id, disabled: !user.disabled });
      setNotice(t(user.disabled ? 'admin.users.enabledNotice' : 'admin.users.disabledNotice', { name: user.displayName }));
      users.reload();
      // Her password may still open a copy of the keyring: offer rotating the office key.
      if (!user.disabled && onRotate) setOfferRotation(true);
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('admin.users.title')}</h2>
        <Button variant="primary" onPress={() => setEditing({ kind: 'create' })}>
          {t('admin.users.add')}
        </Button>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {users.error ? <Alert tone="error">{messageOf(t, users.error)}</Alert> : null}
      <Table aria-label={t('admin.users.title')} className="table">
        <TableHeader>
          <Column isRowHeader>{t('admin.users.name')}</Column>
          <Column>{t('auth.username')}</Column>
          <Column>{t('admin.users.roles')}</Column>
          <Column>{t('admin.users.status')}</Column>
          <Column>{t('common.actions')}</Column>
        </TableHeader>
        <TableBody items={users.data ?? []} renderEmptyState={() => (users.loading ? t('app.loading') : t('admin.users.empty'))}>
          {(user) => (
            <Row id={user.id}>
              <Cell>{user.displayName}</Cell>
              <Cell>{user.username}</Cell>
              <Cell>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</Cell>
              <Cell>
                <span className={`badge ${user.disabled ? 'badge-muted' : 'badge-ok'}`}>
                  {user.disabled ? t('admin.users.disabled') : user.mustChangePassword ? t('admin.users.mustChange') : t('admin.users.active')}
                </span>
              </Cell>
              <Cell>
                <div className="row-actions">
                  <Button variant="quiet" onPress={() => setEditing({ kind: 'edit', user })} aria-label={t('admin.users.editOf', { name: user.displayName })}>
                    {t('common.edit')}
                  </Button>
                  {!user.disabled ? (
                    <Button variant="quiet" onPress={() => setEditing({ kind: 'reset', user })} aria-label={t('admin.users.resetOf', { name: user.displayName })}>
                      {t('admin.users.reset')}
                    </Button>
                  ) : null}
                  {user.id !== me.id ? (
                    <Button
                      variant="quiet"
                      onPress={() => void toggleDisabled(user)}
                      aria-label={t(user.disabled ? 'admin.users.enableOf' : 'admin.users.disableOf', { name: user.displayName })}
                    >
                      {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                    </Button>
                  ) : null}
                </div>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      <ModalOverlay className="modal-overlay" isOpen={offerRotation} onOpenChange={(open) => (open ? setOfferRotation(true) : later())} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title">{t('admin.rotation.offerTitle')}</Heading>
            <p>{t('admin.rotation.offerBody')}</p>
            <div className="form-actions">
              <Button onPress={later}>{t('admin.rotation.later')}</Button>
              <Button
                variant="primary"
                onPress={() => {
                  setOfferRotation(false);
                  onRotate?.();
                }}
              >
                {t('admin.rotation.rotateNow')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
      <ModalOverlay className="modal-overlay" isOpen={editing !== null} onOpenChange={(open) => !open && setEditing(null)} isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {editing ? (
              <UserForm
                editing={editing}
                onClose={() => setEditing(null)}
                onSaved={(message) => {
                  setEditing(null);
                  setNotice(message);
                  users.reload();
                }}
              />
            ) : null}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}

function UserForm({ editing, onClose, onSaved }: { editing: NonNullable<Editing>; onClose(): void; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const user = editing.kind === 'create' ? null : editing.user;
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? ['caseworker']);
  const [profTitle, setProfTitle] = useState<string>(user?.title ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPassword = editing.kind !== 'edit';
  const office = useOfficePasswordNames();
  const check = usePasswordCheck(password, { username, displayName, ...office });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (editing.kind === 'create') {
        await call('users.create', { username, displayName, roles: roles as Role[], password });
        onSaved(t('admin.users.createdNotice', { name: displayName }));
      } else if (editing.kind === 'edit') {
        await call('users.update', { id: editing.user.id, displayName, roles: roles as Role[], title: (USER_TITLES as readonly string[]).includes(profTitle) ? (profTitle as UserTitle) : null });
        onSaved(t('admin.users.savedNotice', { name: displayName }));
      } else {
        await call('users.resetPassword', { id: editing.user.id, password });
        onSaved(t('admin.users.resetNotice', { name: editing.user.displayName }));
      }
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };

  const title = editing.kind === 'create' ? t('admin.users.add') : editing.kind === 'edit' ? t('admin.users.editOf', { name: editing.user.displayName }) : t('admin.users.resetOf', { name: editing.user.displayName });
  return (
    <>
      <Heading slot="title">{title}</Heading>
      <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
        {editing.kind !== 'reset' ? (
          <>
            <TextField label={t('admin.users.name')} value={displayName} onChange={setDisplayName} isRequired autoFocus />
            <TextField label={t('auth.username')} value={username} onChange={setUsername} isRequired isReadOnly={editing.kind === 'edit'} />
            <CheckboxGroup value={roles} onChange={setRoles} className="checkbox-group" isRequired>
              <Label>{t('admin.users.roles')}</Label>
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} className="checkbox">
                  <span className="checkbox-box" aria-hidden="true" />
                  {t(`roles.${role}`)}
                </Checkbox>
              ))}
            </CheckboxGroup>
            {editing.kind === 'edit' ? (
              <Select
                label={t('admin.users.profTitle')}
                value={profTitle || 'none'}
                onChange={(v) => setProfTitle(v === 'none' ? '' : v)}
                options={[{ id: 'none', label: t('admin.users.noTitle') }, ...USER_TITLES.map((id) => ({ id, label: t(`userTitles.${id}`) }))]}
              />
            ) : null}
          </>
        ) : null}
        {needsPassword ? (
          <>
            <TextField label={t('admin.users.tempPassword')} description={t('admin.users.tempPasswordHint')} type="password" value={password} onChange={setPassword} isRequired autoComplete="new-password" />
            <PasswordStrength check={check} />
          </>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="form-actions">
          <Button variant="quiet" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" isDisabled={busy || roles.length === 0}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </>
  );
}
