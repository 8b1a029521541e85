import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/ui/query-state';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';

import { useAlertSettings, useSaveAlertSettings, type AlertSettings } from '../api/alert-settings';

const FIELDS = [
  'certificate_expiring_days',
  'practice_lapsing_days',
  'level_dropping_days',
  'school_falling_below_days',
  'recognition_expiring_days',
] as const;

/** The province's lead times of the daily alerts (days before the due date). */
export function AlertSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useAlertSettings();
  const save = useSaveAlertSettings();
  const [form] = Form.useForm<AlertSettings>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isPending) return <Card title={t('notifications.leads.title')}><Skeleton active /></Card>;
  if (settings.isError)
    return (
      <Card title={t('notifications.leads.title')}>
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      </Card>
    );

  const submit = (values: AlertSettings) =>
    save.mutate(
      { ...values, version: settings.data.version },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) void settings.refetch();
          // A lead out of range is said at its field; the rest (a conflict) in a message.
          const rest = applyServerErrors(form, error);
          if (rest.length) void message.error(rest.join(' '));
        },
      },
    );

  return (
    <Card title={t('notifications.leads.title')} data-testid="alert-settings-card">
      <Form form={form} layout="inline" onFinish={submit}>
        {FIELDS.map((name) => (
          <Form.Item key={name} name={name} label={t(`notifications.leads.${name}`)} rules={[{ required: true }]}>
            <InputNumber min={1} max={730} suffix={t('notifications.leads.days')} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
