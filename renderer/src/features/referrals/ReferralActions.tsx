import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Referral, ReferralWritten } from '../../../../shared/api/schemas/referrals';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DateInput } from '../../components/ui/DateInput';
import { TextField } from '../../components/ui/Field';
import { todayIso } from './common';

export type ReferralAction = 'send' | 'acknowledge' | 'serviceStarted' | 'close' | 'decline' | 'reply';

/** The actions a referral in its state offers, in the order a user meets them. */
export function actionsFor(r: Referral): ReferralAction[] {
  switch (r.state) {
    case 'draft':
      return ['send'];
    case 'sent':
      return ['reply', 'acknowledge', 'decline', 'close'];
    case 'acknowledged':
      return ['reply', 'serviceStarted', 'decline', 'close'];
    case 'service_started':
      return ['reply', 'close'];
    default:
      return [];
  }
}

interface Form {
  on: string;
  replyDueOn: string;
  text: string;
  receivedOn: string;
  serviceStartedOn: string;
  contactPerson: string;
  outcome: string;
}

/** One dialog for every state change: its date (default today), and the text it needs. */
export function ReferralActionDialog({ referral, action, onClose, onDone }: { referral: Referral; action: ReferralAction | null; onClose(): void; onDone(referral: ReferralWritten): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(() => ({
    on: todayIso(),
    replyDueOn: '',
    text: '',
    receivedOn: referral.reply?.receivedOn ?? todayIso(),
    serviceStartedOn: referral.reply?.serviceStartedOn ?? '',
    contactPerson: referral.reply?.contactPerson ?? '',
    outcome: referral.reply?.outcome ?? '',
  }));
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const id = referral.id;

  /** The action's write; its reply (the referral and the case's tasks) goes back to the case page. */
  const write = (a: ReferralAction): Promise<ReferralWritten> => {
    const on = form.on ? { on: form.on } : {};
    switch (a) {
      case 'send':
        return call('referrals.send', { id, ...on, ...(form.replyDueOn ? { replyDueOn: form.replyDueOn } : {}) });
      case 'acknowledge':
        return call('referrals.acknowledge', { id, ...on, note: form.text || null });
      case 'serviceStarted':
        return call('referrals.serviceStarted', { id, ...on, note: form.text || null });
      case 'close':
        return call('referrals.close', { id, ...on, outcome: form.text });
      case 'decline':
        return call('referrals.decline', { id, ...on, reason: form.text });
      case 'reply':
        return call('referrals.recordReply', {
          id,
          receivedOn: form.receivedOn,
          serviceStartedOn: form.serviceStartedOn || null,
          contactPerson: form.contactPerson || null,
          outcome: form.outcome || null,
        });
    }
  };

  const submit = async () => {
    setError(null);
    try {
      if (action) onDone(await write(action));
    } catch (e) {
      setError(messageOf(t, e));
    }
  };

  const textRequired = action === 'close' || action === 'decline';
  const canSubmit = action === 'reply' ? Boolean(form.receivedOn) : !textRequired || Boolean(form.text.trim());
  return (
    <ModalOverlay className="modal-overlay" isOpen={action !== null} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{action ? t(`referrals.actionTitle.${action}`, { institution: referral.institution.name }) : ''}</Heading>
          {action === 'reply' ? (
            <>
              <p className="hint">{t('referrals.reply.hint')}</p>
              <div className="grid-fields">
                <DateInput label={t('referrals.reply.receivedOn')} value={form.receivedOn} onChange={(receivedOn) => set({ receivedOn })} isRequired />
                <DateInput label={t('referrals.reply.serviceStartedOn')} value={form.serviceStartedOn} onChange={(serviceStartedOn) => set({ serviceStartedOn })} />
              </div>
              <TextField label={t('referrals.reply.contactPerson')} value={form.contactPerson} onChange={(contactPerson) => set({ contactPerson })} />
              <TextField label={t('referrals.reply.outcome')} multiline rows={3} value={form.outcome} onChange={(outcome) => set({ outcome })} />
            </>
          ) : action ? (
            <>
              <DateInput label={t(`referrals.actionDate.${action}`)} value={form.on} onChange={(on) => set({ on })} isRequired />
              {action === 'send' ? (
                <DateInput label={t('referrals.send.replyDueOn')} value={form.replyDueOn} onChange={(replyDueOn) => set({ replyDueOn })} />
              ) : (
                <TextField label={t(`referrals.actionText.${action}`)} multiline rows={3} value={form.text} onChange={(text) => set({ text })} isRequired={textRequired} autoFocus />
              )}
              {action === 'send' ? <p className="hint">{t('referrals.send.hint')}</p> : null}
            </>
          ) : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="form-actions">
            <Button variant="quiet" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" onPress={() => void submit()} isDisabled={!canSubmit}>
              {action ? t(`referrals.action.${action}`) : ''}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
