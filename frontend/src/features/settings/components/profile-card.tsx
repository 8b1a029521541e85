import { Alert, App, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Select, Skeleton, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { certificateLevels, type EnumGroup } from '@/config/enums';
import { ApiError } from '@/lib/api-client';
import { conflictCurrent } from '@/lib/conflict';
import { errorText } from '@/lib/error-text';
import { fromDayjs, toDayjs } from '@/lib/dates';

import { useCreateProfile } from '../api/create-profile';
import { useCurrentProfile } from '../api/get-current-profile';
import { usePreviewProfile } from '../api/preview-profile';
import type { CurrentProfile, ProfilePreview, RuleValues } from '../types/settings';
import { PreviewResult } from './preview-result';

type Kind =
  | { type: 'int'; min: number; max?: number }
  | { type: 'share' }
  | { type: 'switch' }
  | { type: 'date' }
  | { type: 'enum'; group: EnumGroup }
  | { type: 'level'; levels: readonly string[] };

const int = (min: number, max?: number): Kind => ({ type: 'int', min, max });

/** The API's limit for a profile's note (RuleProfile.note). */
const NOTE_MAX = 200;
// The engine's limits (qualification.engine: MAX_YEARS, MAX_DAYS).
const MAX_YEARS = 60;
const MAX_DAYS = 36_600;

/** The editable thresholds of DESIGN §4, in the order a reader checks them. */
const sections: { key: string; fields: [string, Kind][] }[] = [
  {
    key: 'evidence',
    fields: [
      ['skill_min_grade', { type: 'level', levels: certificateLevels.skill_level }],
      ['one_plus_x_min_level', { type: 'level', levels: certificateLevels.one_plus_x }],
      ['professional_title_min_level', { type: 'level', levels: certificateLevels.professional_title }],
      ['practice_window_years', int(1, MAX_YEARS)],
      ['practice_min_days', int(0, MAX_DAYS)],
      ['enterprise_min_days', int(0, MAX_DAYS)],
      ['training_min_hours', int(0, 10_000)],
      ['training_window_years', int(1, MAX_YEARS)],
      // DESIGN §4: E_SKILL counts a certificate in the teacher's field only (rule switch).
      ['field_match', { type: 'switch' }],
    ],
  },
  {
    key: 'levels',
    fields: [
      ['junior_evidence_items', int(1, 5)],
      ['intermediate_min_title', { type: 'enum', group: 'title' }],
      ['intermediate_min_teaching_years', int(0, MAX_YEARS)],
      // Besides enterprise practice (always required): at most the other four items.
      ['intermediate_extra_items', int(0, 4)],
      ['senior_min_title', { type: 'enum', group: 'title' }],
      ['senior_min_teaching_years', int(0, MAX_YEARS)],
      ['senior_extra_items', int(0, 4)],
    ],
  },
  {
    key: 'recruitment',
    fields: [
      ['recruitment_since', { type: 'date' }],
      ['recruitment_enterprise_days', int(0, MAX_DAYS)],
      ['recruitment_min_education', { type: 'enum', group: 'education' }],
    ],
  },
  {
    key: 'staffing',
    fields: [
      ['students_per_teacher', int(0, 1000)],
      ['students_per_teacher_higher_vocational', int(0, 1000)],
      ['part_time_share', { type: 'share' }],
    ],
  },
];

const toForm = (values: RuleValues) => ({
  ...values,
  recruitment_since: toDayjs(values.recruitment_since as string),
});

function fromForm(values: Record<string, unknown>): RuleValues {
  const out = { ...values } as RuleValues;
  if (values.recruitment_since) out.recruitment_since = fromDayjs(values.recruitment_since as Dayjs) as string;
  return out;
}

function Field({ name, kind }: { name: string; kind: Kind }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const input = () => {
    switch (kind.type) {
      case 'int':
        return <InputNumber min={kind.min} max={kind.max} precision={0} style={{ width: '100%' }} />;
      case 'share':
        return <InputNumber min={0} max={1} step={0.05} precision={2} style={{ width: '100%' }} />;
      case 'switch':
        return <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
      case 'date':
        return <DateField style={{ width: '100%' }} />;
      case 'enum':
        return <EnumSelect group={kind.group} />;
      case 'level':
        return <Select options={kind.levels.map((code) => ({ value: code, label: label('certificateLevel', code) }))} />;
    }
  };
  return (
    <Col xs={24} md={12} xl={8}>
      <Form.Item
        name={['values', name]}
        label={t(`settings.rules.${name}`)}
        valuePropName={kind.type === 'switch' ? 'checked' : 'value'}
        rules={kind.type === 'switch' ? [] : [{ required: true, message: t('settings.required') }]}
      >
        {input()}
      </Form.Item>
    </Col>
  );
}

/** The rule profile in force; saving stores a new version and re-evaluates every teacher. */
export function ProfileCard({ onDirty }: { onDirty: (key: string, dirty: boolean) => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm();
  const profile = useCurrentProfile();
  const create = useCreateProfile();
  const preview = usePreviewProfile();
  const [errors, setErrors] = useState<string[]>([]);
  const [shown, setShown] = useState<ProfilePreview | null>(null);
  const setDirty = (dirty: boolean) => onDirty('profile', dirty);

  if (profile.isPending)
    return (
      <Card title={t('settings.profile')}>
        <Skeleton active />
      </Card>
    );
  if (profile.isError)
    return (
      <Card title={t('settings.profile')}>
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      </Card>
    );
  const loaded = profile.data;

  const save = (values: RuleValues, note: string) => {
    setErrors([]);
    create.mutate(
      // base_version: the server answers 409 when someone stored a newer version since.
      { values, note, base_version: loaded.version },
      {
        onSuccess: (saved) => {
          setDirty(false);
          void message.success(t('settings.profileSaved', { version: saved.version }));
          form.setFieldValue('note', '');
        },
        onError: (error) => {
          const current = conflictCurrent<CurrentProfile>(error);
          if (current) {
            form.setFieldsValue({ values: toForm(current.values) });
            setErrors([t('settings.conflict')]);
            void profile.refetch();
          } else if (!putOnFields(error)) setErrors([errorText(error)]);
        },
      },
    );
  };

  /** `{values: {field: [..]}}` (and `{note: [..]}`) from the server onto the form's fields;
   * false when it is not that. */
  const putOnFields = (error: unknown) => {
    const body = error instanceof ApiError ? error.body : undefined;
    const nested = body?.values;
    const note = body?.note;
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    if (nested && typeof nested === 'object' && !Array.isArray(nested))
      fields.push(...Object.entries(nested as Record<string, string[]>).map(([name, messages]) => ({ name: ['values', name], errors: messages })));
    if (Array.isArray(note)) fields.push({ name: ['note'], errors: note as string[] });
    if (!fields.length) return false;
    form.setFields(fields);
    return true;
  };
  const shownValue = (value: unknown) =>
    typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : String(value);

  const changedValues = (all: Record<string, unknown>): RuleValues => {
    const values = fromForm(all);
    return Object.fromEntries(Object.entries(values).filter(([k, v]) => loaded.values[k] !== v));
  };

  const runPreview = async (changed: RuleValues) => {
    setErrors([]);
    try {
      const result = await preview.mutateAsync({ values: changed });
      setShown(result);
      return { result, problem: null };
    } catch (error) {
      if (putOnFields(error)) return null;
      // E.g. too many teachers to preview inline: say so, saving is still possible.
      return { result: null, problem: errorText(error) };
    }
  };

  const onPreview = async () => {
    const all = await form.validateFields().catch(() => null);
    if (!all) return;
    const outcome = await runPreview(changedValues(all.values));
    if (outcome?.problem) setErrors([outcome.problem]);
  };

  const onFinish = async (all: { values: Record<string, unknown>; note?: string }) => {
    const changed = changedValues(all.values);
    if (!Object.keys(changed).length) {
      void message.info(t('settings.noChanges'));
      return;
    }
    const outcome = await runPreview(changed);
    if (!outcome) return;
    modal.confirm({
      width: 560,
      title: t('settings.confirmTitle', { count: Object.keys(changed).length }),
      content: (
        <Space orientation="vertical">
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {Object.entries(changed).map(([k, v]) => (
              <li key={k}>
                {t(`settings.rules.${k}`)}: {shownValue(loaded.values[k])} → {shownValue(v)}
              </li>
            ))}
          </ul>
          {outcome.result ? (
            <PreviewResult preview={outcome.result} compact />
          ) : (
            <Typography.Text type="warning">{t('settings.previewFailed', { reason: outcome.problem })}</Typography.Text>
          )}
          <Typography.Text>{t('settings.reevaluates')}</Typography.Text>
        </Space>
      ),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: () => save(changed, all.note ?? ''),
    });
  };

  return (
    <Card
      title={t('settings.profile')}
      extra={<Typography.Text type="secondary">{t('settings.profileVersion', { version: loaded.version })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary">{t('settings.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ values: toForm(loaded.values) }}
        onFinish={(all) => void onFinish(all)}
        onValuesChange={() => {
          setShown(null);
          setDirty(true);
        }}
        key={loaded.version}
      >
        {errors.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={errors.join(' ')} />}
        {sections.map((section) => (
          <div key={section.key}>
            <Divider titlePlacement="start">{t(`settings.sections.${section.key}`)}</Divider>
            <Row gutter={16}>
              {section.fields.map(([name, kind]) => (
                <Field key={name} name={name} kind={kind} />
              ))}
            </Row>
          </div>
        ))}
        {shown && (
          <Card size="small" title={t('settings.preview.title')} style={{ marginBottom: 16 }}>
            <PreviewResult preview={shown} />
          </Card>
        )}
        <Form.Item name="note" label={t('settings.note')}>
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount />
        </Form.Item>
        <Space wrap>
          <Button onClick={() => void onPreview()} loading={preview.isPending}>
            {t('settings.preview.run')}
          </Button>
          <Button type="primary" htmlType="submit" loading={create.isPending || preview.isPending}>
            {t('settings.saveProfile')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
