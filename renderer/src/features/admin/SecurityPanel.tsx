import { useState } from 'react';
import { Input, Label, NumberField, Group, Button as AriaButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { useCurrentSession } from '../auth/SessionContext';

export function SecurityPanel() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [minutes, setMinutes] = useState(session.idleMinutes);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const save = async () => {
    try {
      const { idleMinutes } = await call('security.setIdleMinutes', { minutes });
      setMessage({ tone: 'success', text: t('admin.security.saved', { minutes: idleMinutes }) });
    } catch (e) {
      setMessage({ tone: 'error', text: messageOf(t, e) });
    }
  };

  return (
    <div className="panel">
      <h2>{t('admin.security.title')}</h2>
      <div className="inline-form">
        <NumberField value={minutes} onChange={setMinutes} minValue={1} maxValue={60} step={1} className="field field-narrow">
          <Label className="field-label">{t('admin.security.idleMinutes')}</Label>
          <Group className="number-group">
            <AriaButton slot="decrement" className="number-step">
              −
            </AriaButton>
            <Input className="field-input" />
            <AriaButton slot="increment" className="number-step">
              +
            </AriaButton>
          </Group>
        </NumberField>
        <Button variant="primary" onPress={() => void save()}>
          {t('common.save')}
        </Button>
      </div>
      <p className="hint">{t('admin.security.idleHint')}</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
