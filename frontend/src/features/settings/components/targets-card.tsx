import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { ErrorState } from '@/components/ui/query-state';
import { saveErrors } from '@/lib/conflict';
import { errorText } from '@/lib/error-text';
import { fromDayjs, toDayjs } from '@/lib/dates';
import { formatDate, formatPercent } from '@/lib/format';

import { useTargets } from '../api/get-targets';
import { usePreviewProfile } from '../api/preview-profile';
import { useUpdateTarget } from '../api/update-target';
import type { Target } from '../types/settings';
import { PreviewResult } from './preview-result';

/** The ratio target is typed as a percent (60 → 0.60); more than 100 is refused, not clamped. */
export const toPercent = (value: number | string | null | undefined) =>
  value === null || value === undefined || value === '' ? null : Math.round(Number(value) * 10000) / 100;
export const fromPercent = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(value * 100) / 10000;

function TargetForm({ target, onDirty }: { target: Target; onDirty: (code: string, dirty: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const update = useUpdateTarget();
  const preview = usePreviewProfile();
  const [errors, setErrors] = useState<string[]>([]);
  // Shares are typed as percents; the preview is for the dual-qualified ratio only.
  const isRatio = target.code === 'dual_qualified_ratio';
  // The practical-hours share is met at the target itself (hours.selectors.meets: ≥), the
  // dual-qualified ratio only above it (the policy's "more than 60%").
  const atLeast = target.code === 'practical_hours_share';
  const isShare = isRatio || atLeast;
  const valueLabel = atLeast ? t('settings.atLeastValue') : isShare ? t('settings.ratioValue') : t('settings.basesValue');
  // The form holds what people type: a percent for the ratio, a count for the bases.
  const shown = (value: number | string | null) => (isShare ? toPercent(value) : Number(value));
  const initial = { value: shown(target.value), deadline: toDayjs(target.deadline) };

  const onFinish = (values: typeof initial) => {
    setErrors([]);
    const value = isShare ? fromPercent(values.value) : values.value;
    update.mutate(
      { code: target.code, value: value ?? 0, deadline: fromDayjs(values.deadline), version: target.version },
      {
        onSuccess: () => {
          onDirty(target.code, false);
          void message.success(
            isShare
              ? t(atLeast ? 'settings.atLeastSaved' : 'settings.ratioSaved', { value: formatPercent(value, 0) })
              : t('common.saved'),
          );
        },
        onError: (error) =>
          setErrors(
            saveErrors<Target>(form, error, t('settings.conflict'), (current) =>
              form.setFieldsValue({ value: shown(current.value), deadline: toDayjs(current.deadline) }),
            ),
          ),
      },
    );
  };

  return (
    <Card
      size="small"
      title={t(`settings.targetTitle.${target.code}`, {
        defaultValue: isRatio ? t('settings.ratioTarget') : t('settings.basesTarget'),
      })}
      extra={
        // Without a deadline there is none to be before (or past).
        !target.deadline ? (
          <Tag>{t('settings.deadlineNone')}</Tag>
        ) : target.deadline_passed ? (
          <Tag color="red">{t('settings.deadlinePassed')}</Tag>
        ) : (
          <Tag color="blue">{t('settings.deadlineAhead')}</Tag>
        )
      }
    >
      <Statistic
        title={t('settings.now')}
        value={isShare ? formatPercent(target.current) : (target.current ?? '—')}
        suffix={
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            {' / '}
            {isShare ? `${atLeast ? '≥' : '>'} ${formatPercent(Number(target.value), 0)}` : Number(target.value)}
          </Typography.Text>
        }
      />
      <Form
        form={form}
        name={target.code}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        onValuesChange={() => {
          preview.reset();
          onDirty(target.code, true);
        }}
        style={{ marginTop: 16 }}
        key={`${target.code}-${target.version}`}
      >
        {errors.length > 0 && <Typography.Paragraph type="danger" role="alert">{errors.join(' ')}</Typography.Paragraph>}
        <Space wrap align="start">
          <Form.Item
            name="value"
            label={valueLabel}
            extra={atLeast ? t('settings.atLeastHelp') : isShare ? t('settings.ratioHelp') : undefined}
            rules={[
              { required: true, message: t('settings.required') },
              ...(isShare
                ? [
                    {
                      validator: (_: unknown, v: number | null) =>
                        v === null || v === undefined || (v > 0 && v < 100)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('settings.percentRange'))),
                    },
                  ]
                : []),
            ]}
          >
            {isShare ? (
              <InputNumber
                aria-label={valueLabel}
                step={1}
                suffix="%"
                style={{ width: 140 }}
              />
            ) : (
              <InputNumber min={0} precision={0} style={{ width: 140 }} />
            )}
          </Form.Item>
          <Form.Item name="deadline" label={t('settings.deadline')}>
            <DateField />
          </Form.Item>
        </Space>
        <div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {target.updated_by
              ? t('settings.updated', { who: target.updated_by, when: formatDate(target.updated_at) })
              : t('settings.notChanged')}
          </Typography.Paragraph>
          <Space wrap>
            {isRatio && (
              <Button
                loading={preview.isPending}
                onClick={() =>
                  preview.mutate({ values: {}, target: fromPercent(form.getFieldValue('value')) ?? 0 })
                }
              >
                {t('settings.preview.run')}
              </Button>
            )}
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Space>
        </div>
        {isRatio && preview.isError && (
          <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
            {errorText(preview.error)}
          </Typography.Paragraph>
        )}
        {isRatio && preview.data && (
          <div style={{ marginTop: 12 }}>
            <PreviewResult preview={preview.data} compact />
          </div>
        )}
      </Form>
    </Card>
  );
}

/** The province's two targets: the ratio to exceed and the bases to build, each with its deadline. */
export function TargetsCard({ onDirty }: { onDirty: (key: string, dirty: boolean) => void }) {
  const { t } = useTranslation();
  const targets = useTargets();
  return (
    <Card title={t('settings.targets')}>
      {targets.isPending ? (
        <Skeleton active />
      ) : targets.isError ? (
        <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {targets.data.map((target) => (
            <Col xs={24} lg={12} key={target.code}>
              <TargetForm target={target} onDirty={onDirty} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
