import { Alert, App, Button, Descriptions, Drawer, Form, Input, List, Modal, Select, Space, Table, Tag, Timeline, Typography, type TableColumnType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ActionCard } from '@/components/ui/action-card';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { personSchoolColumns } from '@/components/ui/two-line-cell';
import { enums } from '@/config/enums';
import { api } from '@/lib/api-client';
import type { Me } from '@/lib/auth';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDateTimeInChina, isAfterTodayInChina } from '@/lib/dates';
import { errorText } from '@/lib/error-text';
import { applyServerErrors, clearEditedErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';
import { idFromParam, oneOf, useListParams } from '@/lib/list-params';
import { missingText, type MissingWords } from '@/lib/missing-text';
import { useOverlayParam } from '@/lib/overlay-param';
import { useUnsavedOverlayPrompt } from '@/lib/unsaved-changes';

import { applicationAction, useApplicationAction, useApplications, useObjections, type ActionInput } from '../api/applications';
import { useRounds } from '../api/rounds';
import { STATUSES, type Application } from '../types';
import { EvidenceList } from './evidence-list';
import { RecognitionOverview } from './overview';
import { ApplicationStatusTag, LevelText, returnOpinion } from './status-tag';

/** The status each role acts on, and so the queue's default filter. */
const QUEUE: Record<string, string | undefined> = {
  school_hr: 'submitted',
  province: 'school_approved',
  expert: 'school_approved',
};

/** Kept in the address: `?round=3&status=objected&page=2`. The role's queue (its default
 * status) leaves `status` out; every status, the filter cleared, is `status=all`. */
const LIST_KEYS = ['round', 'status'] as const;
const ANY_STATUS = 'all';
const PAGE_SIZE = 20;

type Column = TableColumnType<Application>;

/** A label stays whole (申报等级, not 申报/等级 at 390 px); the words beside it wrap instead. */
const ONE_LINE_LABELS = { label: { whiteSpace: 'nowrap' } } as const;

/** Review queues: school HR, the province and experts each see their stage by default. */
export function ReviewPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const rounds = useRounds();
  const list = useListParams(LIST_KEYS);
  const { page, setPage } = list;
  // A round named by the address is asked for once it is one of the rounds (an unknown id
  // is a 400 from the API); an unknown status falls back to the role's queue.
  const roundId = idFromParam(list.values.round);
  const round = rounds.data?.results.some((r) => r.id === roundId) ? roundId : undefined;
  const checkingRound = roundId !== undefined && rounds.isPending;
  const statusParam = oneOf(list.values.status, [...STATUSES, ANY_STATUS]);
  const status = statusParam === ANY_STATUS ? undefined : (statusParam ?? QUEUE[me.role]);
  // The role's queue is the default, out of the address; the filter cleared is `all`.
  const setStatus = (value?: string) => {
    const queue = QUEUE[me.role];
    list.set({ status: value === queue ? undefined : (value ?? (queue ? ANY_STATUS : undefined)) });
  };
  const [selected, setSelected] = useState<number[]>([]);
  // Whose application each selected one is, kept across pages: a refusal names the teacher.
  const [names, setNames] = useState<Record<number, string>>({});
  // The drawer is open while the URL has ?application=<id>: an alert links here with it, and a
  // tapped row pushes it, so Back closes the drawer and stays on the queue.
  const drawer = useOverlayParam('application');
  const linkedId = Number(drawer.value);
  // The row tapped, shown at once rather than read again.
  const [tapped, setTapped] = useState<Application | null>(null);
  const [bulk, setBulk] = useState(false);
  const linked = useQuery({
    queryKey: ['recognition', 'applications', 'one', linkedId],
    queryFn: ({ signal }) => api<Application>(`/recognition-applications/${linkedId}/`, { signal }),
    enabled: Number.isInteger(linkedId) && linkedId > 0 && tapped?.id !== linkedId,
  });
  const shown = !(linkedId > 0) ? null : tapped?.id === linkedId ? tapped : (linked.data ?? null);
  const applications = useApplications({ round, status, page, page_size: PAGE_SIZE }, { enabled: !checkingRound });
  const bulkAction = me.role === 'school_hr' ? 'school-review' : me.role === 'province' ? 'province-review' : null;

  // A phone: the school under the name, the status beside it (the rest scrolls).
  const { person: teacher, school } = personSchoolColumns<Application>(
    isPhone,
    { person: t('recognition.teacher'), school: t('recognition.school') },
    'application-school',
    'teacher_name',
  );
  const statusColumn: Column = {
    title: t('recognition.statusLabel'),
    dataIndex: 'status',
    // A draft a review returned reads 已退回, as on the teacher's /me.
    render: (_v, row) => <ApplicationStatusTag application={row} />,
  };
  const details: Column[] = [
    { title: t('recognition.round'), dataIndex: 'round_code' },
    { title: t('recognition.asked'), dataIndex: 'level', render: (v: string) => <LevelText level={v} /> },
    {
      title: t('recognition.eligible'),
      render: (_v, row) => <LevelText level={(row.eligibility as { level?: string } | null)?.level} />,
    },
    {
      title: t('recognition.votes'),
      render: (_v, row) =>
        // A publicity row (?status=publicized, anyone but the province) carries no votes;
        // who voted is named to the province and the round's experts only (blank for others).
        (row.votes ?? []).map((v, i) => (
          <Tag key={`${i}-${v.expert}`} color={v.decision === 'approve' ? 'green' : 'red'}>
            {v.expert_name || v.expert || t('recognition.anonymousVote')}
          </Tag>
        )),
    },
  ];
  const publicityUntil: Column = {
    title: t('recognition.publicityUntil'),
    dataIndex: 'publicity_until',
    render: (v: string | null) => formatDate(v),
  };
  const columns: Column[] = isPhone
    ? [teacher, statusColumn, ...details, publicityUntil]
    : [teacher, school, ...details, statusColumn, publicityUntil];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {me.role !== 'expert' && <RecognitionOverview />}
      <ActionCard
        title={t('recognition.queue')}
        toolbar={
          bulkAction && (
            <Button type="primary" disabled={!selected.length} onClick={() => setBulk(true)} data-testid="bulk-approve">
              {t('recognition.bulkApprove', { n: selected.length })}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            aria-label={t('recognition.round')}
            placeholder={t('recognition.round')}
            style={{ minWidth: 200 }}
            value={round}
            onChange={(v?: number) => list.set({ round: v })}
            options={(rounds.data?.results ?? []).map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))}
          />
          <Select
            allowClear
            aria-label={t('recognition.statusLabel')}
            placeholder={t('recognition.statusLabel')}
            style={{ minWidth: 160 }}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: t(`recognition.status.${s}`) }))}
            data-testid="status-filter"
          />
        </Space>
        {applications.isError ? (
          <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
        ) : (
          <Table<Application>
            rowKey="id"
            size="small"
            loading={applications.isFetching || checkingRound}
            dataSource={applications.data?.results ?? []}
            locale={{
              // The role's own queue empty says nothing waits; a filter chosen, that nothing matches.
              emptyText: (
                <EmptyState
                  description={
                    round === undefined && statusParam === undefined && status
                      ? t('recognition.queueEmpty')
                      : round !== undefined || status
                        ? t('common.noMatch')
                        : undefined
                  }
                />
              ),
            }}
            scroll={{ x: 720 }}
            rowSelection={
              bulkAction
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys, rows) => {
                      setSelected(keys as number[]);
                      setNames((known) => ({ ...known, ...Object.fromEntries(rows.filter(Boolean).map((r) => [r.id, r.teacher_name])) }));
                    },
                  }
                : undefined
            }
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: applications.data?.count ?? 0,
              onChange: setPage,
              showSizeChanger: false,
              showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
            }}
            onRow={(row) =>
              // A publicity row is name, school and level only: nothing more to open.
              row.votes
                ? {
                    onClick: () => {
                      setTapped(row);
                      drawer.open(String(row.id));
                    },
                    style: { cursor: 'pointer' },
                  }
                : {}
            }
            columns={columns}
          />
        )}
      </ActionCard>
      {shown && <ApplicationDrawer key={shown.id} me={me} application={shown} onClose={drawer.close} />}
      {bulk && bulkAction && (
        <BulkApprove
          ids={selected}
          names={names}
          action={bulkAction}
          onClose={() => { setBulk(false); setSelected([]); }}
        />
      )}
    </Space>
  );
}

function BulkApprove({ ids, names, action, onClose }: { ids: number[]; names: Record<number, string>; action: 'school-review' | 'province-review'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [opinion, setOpinion] = useState(t('recognition.defaultOpinion'));
  const [busy, setBusy] = useState(false);
  const done = useApplicationAction();
  const run = async () => {
    setBusy(true);
    const failures: string[] = [];
    // One audited decision per application, each with the opinion.
    for (const id of ids) {
      try {
        await applicationAction({ id, action, decision: 'approve', opinion });
      } catch (error) {
        failures.push(t('common.labelled', { label: names[id] ?? `#${id}`, value: errorText(error) }));
      }
    }
    setBusy(false);
    done.reset();
    if (failures.length) modal.warning({ title: t('recognition.someRefused'), content: failures.join('\n') });
    else void message.success(t('recognition.done.bulk', { count: ids.length }));
    onClose();
  };
  return (
    <Modal open title={t('recognition.bulkApprove', { n: ids.length })} onCancel={onClose} onOk={() => void run()} confirmLoading={busy}>
      <Typography.Paragraph>{t('recognition.bulkHint')}</Typography.Paragraph>
      <Input.TextArea rows={3} value={opinion} onChange={(e) => setOpinion(e.target.value)} data-testid="bulk-opinion" />
    </Modal>
  );
}

/** What the next level needs: the required items, then the alternatives under "any N of:". */
function MissingList({ items }: { items: MissingWords[] }) {
  const { t } = useTranslation();
  const required = items.filter((m) => !m.one_of);
  const options = items.filter((m) => m.one_of);
  const item = (m: MissingWords) => <li key={m.message}>{missingText(t, m)}</li>;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
      {required.map(item)}
      {options.length > 0 && (
        <li>
          {t('recognition.anyOf', { count: options[0].needed || 1 })}
          <ul style={{ paddingLeft: 18 }}>{options.map(item)}</ul>
        </li>
      )}
    </ul>
  );
}

function ApplicationDrawer({ me, application, onClose }: { me: Me; application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const action = useApplicationAction();
  const [form] = Form.useForm();
  const [current, setCurrent] = useState(application);
  // An opinion typed: Back (or a tap beside the drawer) asks before throwing it away.
  const [dirty, setDirty] = useState(false);
  const { leave, prompt } = useUnsavedOverlayPrompt(dirty);
  // Closed on purpose (its close button, once acted): nothing to ask.
  const close = () => {
    leave();
    onClose();
  };
  const eligibility = current.eligibility as { level?: string; missing?: MissingWords[] } | null;
  // The missing items are what the next level above the rules' verdict needs: say which.
  const levels = enums.qualificationLevel; // lowest first, none included
  const next = levels[levels.indexOf((eligibility?.level ?? 'none') as (typeof levels)[number]) + 1];
  const nextLevelNeeds = next ? t('recognition.nextLevelNeeds', { level: t(`recognition.level.${next}`) }) : '';

  const act = async (input: ActionInput) => {
    try {
      const updated = await action.mutateAsync(input);
      if (updated && 'id' in updated && 'history' in updated) setCurrent(updated);
      void message.success(t('recognition.done.generic'));
      form.resetFields();
      setDirty(false);
      if (input.action === 'objections') close();
    } catch (error) {
      // "An opinion is required" under the opinion; what belongs to no field in a dialog.
      const rest = applyServerErrors(form, error);
      if (rest.length) modal.error({ title: t('recognition.refused'), content: rest.join('\n') });
    }
  };
  const opinion = () => String(form.getFieldValue('opinion') ?? '');
  const decide = (kind: 'school-review' | 'province-review', decision: 'approve' | 'return' | 'reject') =>
    void act({ id: current.id, action: kind, decision, opinion: opinion() });
  const s = current.status;
  // A draft sent back to the teacher: what the review asked them to change, beside its status.
  const returned = returnOpinion(current);
  // A teacher who has left: the application is returned, rejected or withdrawn, not moved on.
  const left = current.teacher_has_left === true;
  const canSchool = me.role === 'school_hr' && s === 'submitted';
  const canProvince = me.role === 'province' && s === 'school_approved';
  const canVote = me.role === 'expert' && s === 'school_approved';
  // The expert's own vote, which a second one replaces (the API keeps one per expert).
  const myVote = me.role === 'expert' ? (current.votes ?? []).find((v) => v.expert === me.username) : undefined;
  // Ending publicity is the province's; everyone else files objections on the publicity page.
  const canResolve = me.role === 'province' && s === 'objected';
  const canFinalize = me.role === 'province' && s === 'publicized';
  // Finalize is allowed from the day after publicity's last day (the API refuses it before).
  const finalizeFrom = current.publicity_until ? dayjs(current.publicity_until).add(1, 'day') : null;
  const publicityOver = !finalizeFrom || !isAfterTodayInChina(finalizeFrom);
  // The opinion each action needs: a review's to return or reject, a vote's to reject, and
  // always one to resolve an objection; finalize takes none.
  const opinionLabel = canResolve
    ? t('recognition.opinionResolve')
    : canVote
      ? t('recognition.opinionVote')
      : t('recognition.opinion');

  return (
    <Drawer open onClose={close} mask={{ closable: !dirty }} size="large" title={`${current.teacher_name} · ${current.round_code}`}>
      {prompt}
      {left && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('recognition.teacherLeft')} data-testid="teacher-left" />}
      {/* On a phone each label sits above its value, whole. */}
      <Descriptions column={1} size="small" bordered layout={isPhone ? 'vertical' : 'horizontal'} styles={ONE_LINE_LABELS}>
        <Descriptions.Item label={t('recognition.school')}>{current.school_name}</Descriptions.Item>
        <Descriptions.Item label={t('recognition.asked')}><LevelText level={current.level} /></Descriptions.Item>
        <Descriptions.Item label={t('recognition.eligible')}>
          <LevelText level={eligibility?.level} />
          {eligibility?.missing?.length ? (
            <div style={{ marginTop: 4 }} data-testid="next-level-needs">
              <Typography.Text type="secondary">{nextLevelNeeds}</Typography.Text>
              <MissingList items={eligibility.missing} />
            </div>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('recognition.statusLabel')}>
          <ApplicationStatusTag application={current} />
          {returned && (
            <div style={{ marginTop: 4, overflowWrap: 'anywhere' }} data-testid="return-opinion">
              {t('common.labelled', { label: t('recognition.returnOpinion'), value: returned })}
            </div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('recognition.statement')}>{current.statement || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('recognition.evidence')}>
          <EvidenceList application={current} />
        </Descriptions.Item>
        {current.publicity_until && (
          <Descriptions.Item label={t('recognition.publicityUntil')}>{formatDate(current.publicity_until)}</Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('recognition.history')}</Typography.Title>
      <Timeline
        items={current.history.map((h) => ({
          children: (
            <div data-testid="history-step">
              {[
                <b key="stage">{t(`recognition.stage.${h.stage}`, { defaultValue: h.stage })}</b>,
                h.decision && t(`recognition.decision.${h.decision}`, { defaultValue: h.decision }),
                // '' is an objector hidden from this reader: nothing to name.
                h.actor === '' ? null : <Person key="who" name={h.actor_name ?? h.actor} role={h.actor_role} />,
                <span key="at" style={{ whiteSpace: 'nowrap' }}>{formatDateTimeInChina(h.at)}</span>,
              ]
                .filter(Boolean)
                .flatMap((part, i) => (i ? [' · ', part] : [part]))}
              {h.opinion && <div style={{ color: '#666' }}>{h.opinion}</div>}
            </div>
          ),
        }))}
      />
      {me.role === 'province' && current.history.some((h) => h.stage === 'objection') && (
        <Objections id={current.id} />
      )}
      {myVote && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="my-vote"
          title={t('recognition.myVote', { decision: t(`recognition.decision.${myVote.decision}`, { defaultValue: myVote.decision }) })}
          description={[myVote.opinion, formatDateTimeInChina(myVote.at)].filter(Boolean).join(' · ')}
        />
      )}
      {(canSchool || canProvince || canVote || canResolve || canFinalize) && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 8 }}
          data-testid="review-form"
          // The opinion has no rules of its own: antd would keep the server's word under it.
          onValuesChange={(changed: Record<string, unknown>) => {
            setDirty(true);
            clearEditedErrors(form, changed);
          }}
        >
          {!canFinalize && (
            <Form.Item name="opinion" label={opinionLabel}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          <Space wrap>
            {(canSchool || canProvince) && (
              <>
                {!left && (
                  <Button type="primary" onClick={() => decide(canSchool ? 'school-review' : 'province-review', 'approve')} data-testid="approve">
                    {t('recognition.decision.approve')}
                  </Button>
                )}
                <Button onClick={() => decide(canSchool ? 'school-review' : 'province-review', 'return')}>
                  {t('recognition.decision.return')}
                </Button>
                <Button danger onClick={() => decide(canSchool ? 'school-review' : 'province-review', 'reject')}>
                  {t('recognition.decision.reject')}
                </Button>
              </>
            )}
            {canVote && (
              <>
                {/* Once voted, a vote is a change of the one shown above. */}
                <Button type="primary" onClick={() => void act({ id: current.id, action: 'votes', decision: 'approve', opinion: opinion() })} data-testid="vote-approve">
                  {t(myVote ? 'recognition.voteChangeApprove' : 'recognition.voteApprove')}
                </Button>
                <Button danger onClick={() => void act({ id: current.id, action: 'votes', decision: 'reject', opinion: opinion() })} data-testid="vote-reject">
                  {t(myVote ? 'recognition.voteChangeReject' : 'recognition.voteReject')}
                </Button>
              </>
            )}
            {canResolve && (
              // Two buttons, not a choice: the same answer can be given again after a refusal.
              <Space wrap data-testid="resolve">
                <Button onClick={() => void act({ id: current.id, action: 'resolve-objection', upheld: false, opinion: opinion() })} data-testid="dismiss">
                  {t('recognition.dismiss')}
                </Button>
                <Button danger onClick={() => void act({ id: current.id, action: 'resolve-objection', upheld: true, opinion: opinion() })} data-testid="uphold">
                  {t('recognition.uphold')}
                </Button>
              </Space>
            )}
            {canFinalize && (
              <Button
                type="primary"
                disabled={!publicityOver || left}
                onClick={() => void act({ id: current.id, action: 'finalize' })}
                data-testid="finalize"
              >
                {t('recognition.action.finalize')}
              </Button>
            )}
          </Space>
          {canFinalize && !publicityOver && finalizeFrom && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="finalize-when">
              {t('recognition.finalizeFrom', {
                until: formatDate(current.publicity_until),
                date: finalizeFrom.format('YYYY-MM-DD'),
              })}
            </Typography.Paragraph>
          )}
        </Form>
      )}
    </Drawer>
  );
}

/** A person as the API names them, with their role: "人事处（学校人事）"; the system when none. */
function Person({ name, role }: { name: string | null | undefined; role?: string | null }) {
  const { t } = useTranslation();
  if (!name) return <>{t('recognition.system')}</>;
  return <>{role ? t('recognition.person', { name, role: t(`roles.${role}`, { defaultValue: role }) }) : name}</>;
}

/** The objections to an application, in full: the province's to read before it resolves them. */
function Objections({ id }: { id: number }) {
  const { t } = useTranslation();
  const objections = useObjections(id);
  if (objections.isError) return <ErrorState error={objections.error} onRetry={() => void objections.refetch()} />;
  const rows = objections.data ?? [];
  return (
    <>
      <Typography.Title level={5}>{t('recognition.objections', { count: rows.length })}</Typography.Title>
      <List
        size="small"
        bordered
        loading={objections.isPending}
        dataSource={rows}
        data-testid="objections"
        style={{ marginBottom: 16 }}
        renderItem={(o) => (
          <List.Item key={o.id}>
            <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              <div>{o.reason}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Person name={o.filed_by_name || o.filed_by} role={o.filed_by_role} /> ·{' '}
                <span style={{ whiteSpace: 'nowrap' }}>{formatDateTimeInChina(o.filed_at)}</span>
                {' · '}
                {o.status === 'open' ? t('recognition.objectionOpen') : t(`recognition.decision.${o.status}`, { defaultValue: o.status })}
                {o.resolution && `：${o.resolution}`}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}
