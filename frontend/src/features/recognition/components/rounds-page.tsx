import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api-client';
import { formatDate } from '@/lib/format';

import { useCreateRound, useExperts, useRounds } from '../api/rounds';
import { LEVELS, type Round } from '../types';
import { RecognitionsCard } from './recognitions-card';
import { StatusTag } from './status-tag';

/** Recognition rounds: the province opens them; everyone else reads. */
export function RoundsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rounds = useRounds();
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('recognition.newRound')}
        </Button>
      )}
      <Table<Round>
        rowKey="id"
        size="small"
        loading={rounds.isFetching}
        dataSource={rounds.data?.results ?? []}
        scroll={{ x: 640 }}
        pagination={false}
        columns={[
          { title: t('recognition.code'), dataIndex: 'code' },
          { title: t('recognition.roundName'), dataIndex: 'name' },
          { title: t('recognition.opens'), render: (_v, r) => `${formatDate(r.opens_on)} — ${formatDate(r.closes_on)}` },
          { title: t('recognition.publicityDays'), dataIndex: 'publicity_days' },
          { title: t('recognition.validityYears'), dataIndex: 'validity_years' },
          { title: t('recognition.ruleVersion'), dataIndex: 'rule_version' },
          { title: t('recognition.statusLabel'), dataIndex: 'status', render: (v: string) => <StatusTag status={v === 'open' ? 'submitted' : 'withdrawn'} /> },
        ]}
      />
      {creating && <RoundForm onClose={() => setCreating(false)} />}
      <RecognitionsCard canRevoke={canEdit} />
    </Space>
  );
}

function RoundForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const create = useCreateRound();
  const experts = useExperts(true);
  const submit = async (v: { code: string; name: string; dates: [Dayjs, Dayjs]; publicity_days: number; validity_years: number; levels: string[]; experts: number[] }) => {
    try {
      await create.mutateAsync({
        code: v.code,
        name: v.name,
        opens_on: v.dates[0].format('YYYY-MM-DD'),
        closes_on: v.dates[1].format('YYYY-MM-DD'),
        publicity_days: v.publicity_days,
        validity_years: v.validity_years,
        levels: v.levels as Round['levels'],
        experts: v.experts,
      });
      onClose();
    } catch (error) {
      if (error instanceof ApiError) form.setFields(Object.entries(error.fieldErrors()).map(([name, errors]) => ({ name: name === 'opens_on' || name === 'closes_on' ? 'dates' : name, errors })));
      else throw error;
    }
  };
  return (
    <Modal open title={t('recognition.newRound')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ publicity_days: 7, validity_years: 5, levels: [...LEVELS], experts: [] }}>
        <Form.Item name="code" label={t('recognition.code')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="name" label={t('recognition.roundName')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="dates" label={t('recognition.opens')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Space>
          <Form.Item name="publicity_days" label={t('recognition.publicityDays')}><InputNumber min={0} max={90} /></Form.Item>
          <Form.Item name="validity_years" label={t('recognition.validityYears')}><InputNumber min={1} max={10} /></Form.Item>
        </Space>
        <Form.Item name="levels" label={t('recognition.levels')}>
          <Select mode="multiple" options={LEVELS.map((l) => ({ value: l, label: t(`recognition.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="experts" label={t('recognition.experts')}>
          <Select mode="multiple" options={(experts.data?.results ?? []).map((e) => ({ value: e.id, label: `${e.username} ${e.first_name}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
