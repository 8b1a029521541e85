import { FileTextOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { useEnumLabel } from '@/components/ui/enum-label';
import { ItemList } from '@/components/ui/item-list';
import { ErrorState } from '@/components/ui/query-state';
import { ApiError } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { useOverlayParam } from '@/lib/overlay-param';
import { useUnsavedOverlayPrompt } from '@/lib/unsaved-changes';

import { useApplicationAction, useApplications, useCreateApplication, useUpdateApplication } from '../api/applications';
import { evidenceDownloadUrl, useMyRecord, useRecognitions } from '../api/records';
import { useRounds } from '../api/rounds';
import { LEVELS, type Application, type EvidenceFile } from '../types';
import { evidenceOption } from './evidence-option';
import { EvidenceUploadModal } from './evidence-upload';
import { ProposeDrawer } from './propose-drawer';
import { ApplicationStatusTag, LevelText, StatusTag } from './status-tag';

/** A teacher's own certificates, periods, completions, files, applications and
 * recognitions, one card under the other (phones first). */
export function MyRecordPanels({ teacher }: { teacher: number }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const record = useMyRecord();
  // ?propose=certificate|enterprise_period while its drawer is open: Back closes it.
  const proposal = useOverlayParam('propose');
  const proposing = proposal.value === 'certificate' || proposal.value === 'enterprise_period' ? proposal.value : null;
  // ?upload=evidence while the evidence upload modal is open: Back closes it, on /me.
  const upload = useOverlayParam('upload');
  const uploading = upload.value === 'evidence';
  const data = record.data;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <MyApplications teacher={teacher} files={data?.evidence ?? []} />
      <MyRecognitions teacher={teacher} />
      {/* Not "nothing yet" under every card when the record could not be read. */}
      {record.isError && <ErrorState error={record.error} onRetry={() => void record.refetch()} />}
      <Card
        size="small"
        title={t('recognition.me.certificates')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={() => proposal.open('certificate')} data-testid="propose-certificate">
            {t('recognition.me.propose')}
          </Button>
        }
      >
        <ItemList
          size="small"
          loading={record.isPending}
          items={data?.certificates ?? []}
          rowKey={(c) => c.id}
          emptyText={<Empty description={t('recognition.me.none')} />}
          renderItem={(c) => ({
            extra: <StatusTag status={c.status} />,
            title: `${label('certificateKind', c.kind)} · ${c.name || label('certificateLevel', c.level)}`,
            description: (
              <>
                {formatDate(c.issued_on)}
                {c.reject_reason ? ` · ${t('recognition.me.rejected', { reason: c.reject_reason })}` : ''}
              </>
            ),
          })}
        />
      </Card>
      <Card
        size="small"
        title={t('recognition.me.periods')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={() => proposal.open('enterprise_period')} data-testid="propose-period">
            {t('recognition.me.propose')}
          </Button>
        }
      >
        <ItemList
          size="small"
          loading={record.isPending}
          items={data?.enterprise_periods ?? []}
          rowKey={(p) => p.id}
          emptyText={<Empty description={t('recognition.me.none')} />}
          renderItem={(p) => ({
            extra: <StatusTag status={p.status} />,
            title: `${label('periodKind', p.kind)} · ${p.enterprise}`,
            description: `${formatDate(p.start_on)} — ${formatDate(p.end_on)} · ${t('recognition.me.days', { count: p.days })}`,
          })}
        />
      </Card>
      <Card size="small" title={t('recognition.me.completions')}>
        <ItemList
          size="small"
          loading={record.isPending}
          items={data?.completions ?? []}
          rowKey={(c) => c.id}
          emptyText={<Empty description={t('recognition.me.none')} />}
          renderItem={(c) => ({
            title: c.program_title,
            description: `${c.base_name} · ${formatDate(c.completed_on)} · ${t('recognition.me.hours', { count: c.hours })}`,
          })}
        />
      </Card>
      <Card
        size="small"
        title={t('recognition.me.files')}
        extra={
          <Button size="small" icon={<UploadOutlined />} onClick={() => upload.open('evidence')} data-testid="upload-evidence">
            {t('recognition.upload.button')}
          </Button>
        }
      >
        <ItemList
          size="small"
          loading={record.isPending}
          items={data?.evidence ?? []}
          rowKey={(f) => f.id}
          emptyText={<Empty description={t('recognition.me.none')} />}
          renderItem={(f) => ({
            content: (
              <>
                <a href={evidenceDownloadUrl(f.id)} style={{ overflowWrap: 'anywhere' }}>
                  <FileTextOutlined /> {f.filename}
                </a>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[f.kind && t(`recognition.evidenceKind.${f.kind}`, { defaultValue: f.kind }), f.description]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </div>
              </>
            ),
          })}
        />
      </Card>
      {uploading && <EvidenceUploadModal teacher={teacher} record={data} onClose={upload.close} />}
      {proposing && (
        <ProposeDrawer key={proposing} kind={proposing} teacher={teacher} open onClose={proposal.close} />
      )}
    </Space>
  );
}

function MyRecognitions({ teacher }: { teacher: number }) {
  const { t } = useTranslation();
  const recognitions = useRecognitions({ teacher });
  const rows = recognitions.data?.results ?? [];
  if (!rows.length) return null;
  return (
    <Card size="small" title={t('recognition.me.recognitions')}>
      <ItemList
        size="small"
        items={rows}
        rowKey={(r) => r.id}
        renderItem={(r) => ({
          extra: <StatusTag status={r.status} />,
          title: <Link to={`/recognition/certificates/${r.id}`}>{r.certificate_no}</Link>,
          description: (
            <>
              <LevelText level={r.level} /> · {formatDate(r.recognized_on)} — {formatDate(r.valid_until)}
            </>
          ),
        })}
      />
    </Card>
  );
}

function MyApplications({ teacher, files }: { teacher: number; files: EvidenceFile[] }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const applications = useApplications({ page_size: 50 });
  const action = useApplicationAction();
  // ?apply=new while applying, ?apply=<id> while changing that draft (one the school or the
  // province returned, say) before it goes again: Back closes the modal.
  const sheet = useOverlayParam('apply');
  const applying = sheet.value === 'new';
  const editing =
    sheet.value && !applying
      ? (applications.data?.results ?? []).find((a) => a.id === Number(sheet.value) && a.status === 'draft')
      : undefined;
  // A round holds one application past draft (DESIGN §8): a draft beside one is refused on
  // submission, so it is not offered; the API deletes no application, a draft is withdrawn.
  const appliedRounds = new Set(
    (applications.data?.results ?? []).filter((a) => a.status !== 'draft' && a.status !== 'withdrawn').map((a) => a.round),
  );
  const blocked = (app: Application) => app.status === 'draft' && appliedRounds.has(app.round);
  const run = async (app: Application, name: 'submit' | 'withdraw') => {
    try {
      await action.mutateAsync({ id: app.id, action: name });
      void message.success(t(`recognition.done.${name}`));
    } catch (error) {
      if (error instanceof ApiError) {
        modal.error({
          title: t('recognition.refused'),
          content: Object.values(error.fieldErrors()).flat().join('\n') || error.message,
        });
      } else throw error;
    }
  };
  return (
    <Card
      size="small"
      title={t('recognition.me.applications')}
      extra={
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => sheet.open('new')} data-testid="apply">
          {t('recognition.me.apply')}
        </Button>
      }
    >
      {applications.isError ? (
        <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
      ) : (
        <ItemList
          size="small"
          loading={applications.isPending}
          items={applications.data?.results ?? []}
          rowKey={(app) => app.id}
          emptyText={<Empty description={t('recognition.me.noApplications')} />}
          renderItem={(app) => ({
            'data-testid': `my-application-${app.id}`,
            extra: <ApplicationStatusTag application={app} />,
            actions: [
              app.status === 'draft' && !blocked(app) && (
                <Button size="small" type="link" key="edit" onClick={() => sheet.open(String(app.id))} data-testid="edit-application">
                  {t('recognition.action.edit')}
                </Button>
              ),
              app.status === 'draft' && !blocked(app) && (
                <Button size="small" type="link" key="submit" onClick={() => void run(app, 'submit')}>
                  {t('recognition.action.submit')}
                </Button>
              ),
              (app.status === 'draft' || app.status === 'submitted') && (
                <Button size="small" type="link" danger key="withdraw" onClick={() => void run(app, 'withdraw')}>
                  {t('recognition.action.withdraw')}
                </Button>
              ),
            ].filter(Boolean),
            title: (
              <>
                {app.round_code} · <LevelText level={app.level} />
              </>
            ),
            description: (app.history.length > 0 || blocked(app)) && (
              <>
                {app.history.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <LastStep step={app.history[app.history.length - 1]} />
                  </Typography.Text>
                )}
                {blocked(app) && (
                  <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }} data-testid="draft-blocked">
                    {t('recognition.me.draftBlocked')}
                  </Typography.Text>
                )}
              </>
            ),
          })}
        />
      )}
      {applying && <ApplyModal teacher={teacher} files={files} onClose={sheet.close} />}
      {editing && <ApplyModal key={editing.id} teacher={teacher} files={files} application={editing} onClose={sheet.close} />}
    </Card>
  );
}

/** Steps the status tag beside them already names (submit: 已提交/Submitted). */
const SAID_BY_STATUS = new Set(['draft', 'submit', 'withdraw', 'objection', 'finalize']);

/** The last step of an application under its status: who decided what, with the opinion
 * ("School review · Return: …"), and when; only the date when the status says it all. */
function LastStep({ step }: { step: Application['history'][number] }) {
  const { t } = useTranslation();
  const on = formatDate(step.at);
  if (step.stage === 'finalize' && step.opinion) {
    // Its opinion is the certificate number.
    return <>{`${t('common.labelled', { label: t('recognition.certificateNo'), value: step.opinion })} · ${on}`}</>;
  }
  if (SAID_BY_STATUS.has(step.stage)) return <>{t('recognition.me.updatedOn', { date: on })}</>;
  const words = [
    t(`recognition.stage.${step.stage}`, { defaultValue: step.stage }),
    step.decision ? t(`recognition.decision.${step.decision}`, { defaultValue: step.decision }) : '',
  ].filter(Boolean).join(' · ');
  const said = step.opinion ? t('common.labelled', { label: words, value: step.opinion }) : words;
  return <>{`${said} · ${on}`}</>;
}

export function ApplyModal({
  teacher,
  files,
  application,
  onClose,
}: {
  teacher: number;
  files: EvidenceFile[];
  /** A draft to change and submit: the modal opens with it loaded, in its round. */
  application?: Application;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const rounds = useRounds();
  const create = useCreateApplication();
  const update = useUpdateApplication();
  const action = useApplicationAction();
  // The teacher's applications (the list under the button, read once for both).
  const applications = useApplications({ page_size: 50 });
  // The draft a refused submission left: a second try changes and submits it, rather than
  // leaving one more draft behind at every try.
  const [draft, setDraft] = useState<Application | null>(application ?? null);
  // The one of them this modal created (no need to say it is reused).
  const [created, setCreated] = useState<number | null>(null);
  // Something entered: Back (or a tap beside the modal) does not throw it away unasked.
  const [dirty, setDirty] = useState(false);
  const { leave, prompt } = useUnsavedOverlayPrompt(dirty);
  // Closed on purpose (cancel, a submit): nothing to ask.
  const close = () => {
    leave();
    onClose();
  };
  // The teacher's draft in the round chosen, made in this modal or before it was last closed
  // (a refused submission's, one the school returned): that one is changed and submitted, and
  // no second draft is left in the round ("本轮已提交申请，此草稿不能再提交" beside the one
  // submitted). The latest, should there be more.
  const draftIn = (round: number | undefined): Application | null => {
    if (round === undefined) return null;
    if (draft?.round === round) return draft;
    return (
      (applications.data?.results ?? [])
        .filter((a) => a.round === round && a.status === 'draft' && (a.teacher ?? teacher) === teacher)
        .sort((a, b) => b.id - a.id)[0] ?? null
    );
  };
  const chosenRound = Form.useWatch('round', form) as number | undefined;
  const reused = draftIn(chosenRound);
  // The draft's own round is offered even when it no longer takes applications (the API says so).
  const open = (rounds.data?.results ?? []).filter((r) => r.status === 'open' || r.id === application?.round);
  // Choosing a round with a draft shows the draft: what is submitted is what is on screen.
  // What the teacher has entered already stays.
  const onValuesChange = (changed: { round?: number }) => {
    setDirty(true);
    if (changed.round === undefined) return;
    const earlier = draftIn(changed.round);
    if (!earlier || earlier === draft) return;
    const empty = (value: unknown) => value === undefined || value === '' || (Array.isArray(value) && !value.length);
    const filled = { level: earlier.level, statement: earlier.statement, evidence: earlier.evidence };
    form.setFieldsValue(
      Object.fromEntries(Object.entries(filled).filter(([name]) => empty(form.getFieldValue(name)))),
    );
  };
  const submit = async (values: { round: number; level: string; statement?: string; evidence?: number[] }) => {
    try {
      const { round, ...changes } = values;
      const earlier = draftIn(round);
      const app = earlier
        ? await update.mutateAsync({ id: earlier.id, version: earlier.version, ...changes })
        : await create.mutateAsync({ ...values, teacher });
      if (!earlier) setCreated(app.id);
      setDraft(app);
      await action.mutateAsync({ id: app.id, action: 'submit' });
      void message.success(t('recognition.done.submit'));
      setDirty(false);
      close();
    } catch (error) {
      if (error instanceof ApiError) {
        const errors = error.fieldErrors();
        // The level's message already names what is missing; `missing` lists it again for
        // API clients, and shown under it each item read twice.
        delete errors.missing;
        form.setFields(
          Object.entries(errors).map(([name, list]) => ({
            name: ['round', 'level', 'statement', 'evidence'].includes(name) ? name : 'level',
            errors: list,
          })),
        );
      } else throw error;
    }
  };
  return (
    <Modal
      open
      title={t(application ? 'recognition.me.editApplication' : 'recognition.me.apply')}
      onCancel={close}
      mask={{ closable: !dirty }}
      onOk={() => form.submit()}
      okText={t('recognition.action.submit')}
      confirmLoading={create.isPending || update.isPending || action.isPending}
    >
      {prompt}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        data-testid="apply-form"
        initialValues={
          application && {
            round: application.round,
            level: application.level,
            statement: application.statement,
            evidence: application.evidence,
          }
        }
      >
        <Form.Item name="round" label={t('recognition.round')} rules={[{ required: true }]}>
          <Select disabled={!!application} options={open.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))} />
        </Form.Item>
        {!application && reused && reused.id !== created && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('recognition.me.draftReused')} data-testid="apply-draft-reused" />
        )}
        <Form.Item name="level" label={t('recognition.levelLabel')} rules={[{ required: true }]}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`recognition.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="statement" label={t('recognition.statement')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="evidence" label={t('recognition.evidence')}>
          <Select mode="multiple" optionFilterProp="label" options={files.map(evidenceOption)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
