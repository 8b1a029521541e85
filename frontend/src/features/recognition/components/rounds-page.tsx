import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableColumnType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateRangeField } from '@/components/ui/date-field';
import { ActionCard } from '@/components/ui/action-card';
import { ErrorState } from '@/components/ui/query-state';
import { useRowActionsColumns } from '@/components/ui/row-actions';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { ApiError } from '@/lib/api-client';
import { useMe } from '@/lib/auth';
import { applyServerErrors, clearEditedErrors } from '@/lib/form-errors';
import { useIsPhone } from '@/lib/breakpoints';
import { isAfterTodayInChina } from '@/lib/dates';
import { formatDate } from '@/lib/format';
import { useTableScroll } from '@/lib/table-scroll';

import { useCreateRound, useExperts, useRounds, useUpdateRound, type ExpertAccount } from '../api/rounds';
import { LEVELS, type Round } from '../types';
import { RecognitionsCard } from './recognitions-card';

type Column = TableColumnType<Round>;

/** The API's phase; from the dates where a reply carries none (a server before it). */
function phaseOf(r: Round, status: string): string {
  if (r.phase) return r.phase;
  return status === 'closed' && isAfterTodayInChina(dayjs(r.opens_on)) ? 'upcoming' : status;
}

/** Recognition rounds: the province opens them; everyone else reads. */
export function RoundsPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rounds = useRounds();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Round | null>(null);
  const isPhone = useIsPhone();
  const tableScroll = useTableScroll(640);
  const role = useMe().data?.role;
  // Experts read their rounds but not the certificates issued (the API refuses them).
  const readsRecognitions = role !== 'expert';
  // Who reviews is named to the province and the round's experts only (the API's expert_names).
  const readsExperts = role === 'province' || role === 'expert';
  const period = (r: Round) => `${formatDate(r.opens_on)} — ${formatDate(r.closes_on)}`;
  const list = (items: string[]) => (items.length ? items.join(t('recognition.listSeparator')) : '—');
  const levels = (r: Round) => list((r.levels ?? []).map((l) => t(`recognition.level.${l}`)));
  const experts = (r: Round) => list(r.expert_names ?? []);
  const labelled = (label: string, value: string) => t('common.labelled', { label, value });
  // Pieces joined by " · ", each kept on one line: a narrow cell breaks between them.
  const pieces = (items: string[]) =>
    items.map((item, i) => (
      <span key={i}>
        {i > 0 && ' · '}
        <span style={{ whiteSpace: 'nowrap' }}>{item}</span>
      </span>
    ));
  const termsText = (r: Round) =>
    pieces([
      labelled(t('recognition.publicityDays'), String(r.publicity_days)),
      labelled(t('recognition.validityYears'), String(r.validity_years)),
      labelled(t('recognition.ruleVersion'), `v${r.rule_version}`),
    ]);
  // The lists wrap under the name (the phone's table is as wide as its content: one line of
  // experts pushed the status off the screen).
  const wrapped = { fontSize: 12, display: 'block', maxWidth: 200, whiteSpace: 'normal' } as const;
  const name: Column = {
    title: t('recognition.roundName'),
    dataIndex: 'name',
    // On a phone the code, the dates, the levels, the experts and the terms (publicity days,
    // validity, rule version) go under the name, and the name wraps: the status and the edit
    // button come next, inside the card (the terms as columns were cut off at its edge).
    render: (v: string, r) =>
      isPhone ? (
        <Space orientation="vertical" size={0}>
          <TwoLineCell
            main={<Typography.Text style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{v}</Typography.Text>}
            sub={pieces([r.code, period(r)])}
            subTestId="round-code"
          />
          <Typography.Text type="secondary" style={wrapped} data-testid="round-levels">
            {labelled(t('recognition.levels'), levels(r))}
          </Typography.Text>
          {readsExperts && (
            <Typography.Text type="secondary" style={wrapped} data-testid="round-experts">
              {labelled(t('recognition.experts'), experts(r))}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={wrapped} data-testid="round-terms">
            {termsText(r)}
          </Typography.Text>
        </Space>
      ) : (
        v
      ),
  };
  const offered: Column[] = [
    {
      title: t('recognition.levels'),
      key: 'levels',
      render: (_: unknown, r: Round) => <span data-testid="round-levels">{levels(r)}</span>,
    },
    ...(readsExperts
      ? [
          {
            title: t('recognition.experts'),
            key: 'experts',
            render: (_: unknown, r: Round) => <span data-testid="round-experts">{experts(r)}</span>,
          },
        ]
      : []),
  ];
  const status: Column = {
    title: t('recognition.statusLabel'),
    dataIndex: 'status',
    // A round is open for applications between its dates, closed after; before it opens its
    // status reads closed and its phase upcoming: not open yet, with the day it opens.
    render: (v: string, r) => {
      const state = phaseOf(r, v);
      return (
        <Tag color={state === 'open' ? 'processing' : state === 'upcoming' ? 'blue' : 'default'} data-testid="round-status">
          {state === 'upcoming'
            ? t('recognition.roundStatus.upcomingOn', { date: formatDate(r.opens_on) })
            : t(`recognition.roundStatus.${state}`, { defaultValue: state })}
        </Tag>
      );
    },
  };
  const terms: Column[] = [
    { title: t('recognition.publicityDays'), dataIndex: 'publicity_days' },
    { title: t('recognition.validityYears'), dataIndex: 'validity_years' },
    // Named as the rules page names the profile's versions (v0 the seeded one).
    { title: t('recognition.ruleVersion'), dataIndex: 'rule_version', render: (v: number) => `v${v}` },
  ];
  const edit = useRowActionsColumns<Round>(canEdit, (row) => ({ onEdit: () => setEditing(row) }));
  const columns = isPhone
    ? [name, status, ...edit]
    : [
        { title: t('recognition.code'), dataIndex: 'code', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
        name,
        { title: t('recognition.opens'), key: 'period', render: (_: unknown, r: Round) => period(r) },
        ...offered,
        ...terms,
        status,
        ...edit,
      ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ActionCard
        title={t('recognition.nav.rounds')}
        toolbar={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('recognition.newRound')}
            </Button>
          )
        }
      >
        {rounds.isError ? (
          <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
        ) : (
          <Table<Round>
            rowKey="id"
            size="small"
            loading={rounds.isFetching}
            dataSource={rounds.data?.results ?? []}
            scroll={isPhone ? undefined : tableScroll}
            pagination={false}
            columns={columns}
          />
        )}
      </ActionCard>
      {creating && <RoundForm onClose={() => setCreating(false)} />}
      {editing && <RoundForm round={editing} onClose={() => setEditing(null)} />}
      {readsRecognitions && <RecognitionsCard canRevoke={canEdit} />}
    </Space>
  );
}

function RoundForm({ round, onClose }: { round?: Round; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useCreateRound();
  const update = useUpdateRound();
  const experts = useExperts(true);
  // A closed round keeps its panel when an expert is deactivated since (the API takes them
  // back as read): they stay named here, marked, but are offered to no other round.
  const activeIds = new Set((experts.data?.results ?? []).map((e) => e.id));
  const keptInactive = experts.isSuccess && (round?.experts ?? []).some((id) => !activeIds.has(id));
  const inactive = useExperts(keptInactive, false);
  const expertLabel = (e: ExpertAccount) => (e.first_name ? `${e.first_name} · ${e.username}` : e.username);
  const expertOptions = [
    ...(experts.data?.results ?? []).map((e) => ({ value: e.id, label: expertLabel(e) })),
    ...(keptInactive ? (inactive.data?.results ?? []) : [])
      .filter((e) => round?.experts?.includes(e.id) && !activeIds.has(e.id))
      .map((e) => ({ value: e.id, label: t('recognition.expertInactive', { name: expertLabel(e) }) })),
  ];
  const save = (input: Parameters<typeof create.mutateAsync>[0]) =>
    round ? update.mutateAsync({ ...input, id: round.id, version: round.version }) : create.mutateAsync(input);
  const submit = async (v: { code: string; name: string; dates: [Dayjs, Dayjs]; publicity_days: number; validity_years: number; levels: string[]; experts: number[] }) => {
    try {
      await save({
        code: v.code,
        name: v.name,
        opens_on: v.dates[0].format('YYYY-MM-DD'),
        closes_on: v.dates[1].format('YYYY-MM-DD'),
        publicity_days: v.publicity_days,
        validity_years: v.validity_years,
        levels: v.levels as Round['levels'],
        experts: v.experts,
      });
      if (round) void message.success(t('recognition.roundSaved', { name: v.name }));
      onClose();
    } catch (error) {
      // The two dates are one field here; what belongs to no field is said in a message.
      let onForm = error;
      if (error instanceof ApiError) {
        const body: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(error.body)) {
          const field = name === 'opens_on' || name === 'closes_on' ? 'dates' : name;
          body[field] = field === 'dates' ? [...((body.dates as string[]) ?? []), ...(Array.isArray(value) ? value : [value])] : value;
        }
        onForm = new ApiError(error.status, body);
      }
      const rest = applyServerErrors(form, onForm);
      if (rest.length) void message.error(rest.join(' '));
    }
  };
  return (
    <Modal
      open
      title={round ? t('recognition.editRound') : t('recognition.newRound')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Record<string, unknown>) => clearEditedErrors(form, changed)}
        initialValues={
          round
            ? { ...round, dates: [dayjs(round.opens_on), dayjs(round.closes_on)] }
            : { publicity_days: 7, validity_years: 5, levels: [...LEVELS], experts: [] }
        }
      >
        <Form.Item name="code" label={t('recognition.code')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="name" label={t('recognition.roundName')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="dates" label={t('recognition.opens')} rules={[{ required: true }]}><DateRangeField style={{ width: '100%' }} /></Form.Item>
        <Space>
          <Form.Item name="publicity_days" label={t('recognition.publicityDays')}><InputNumber min={0} max={90} /></Form.Item>
          <Form.Item name="validity_years" label={t('recognition.validityYears')}><InputNumber min={1} max={10} /></Form.Item>
        </Space>
        <Form.Item name="levels" label={t('recognition.levels')}>
          <Select mode="multiple" options={LEVELS.map((l) => ({ value: l, label: t(`recognition.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="experts" label={t('recognition.experts')}>
          <Select mode="multiple" options={expertOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
