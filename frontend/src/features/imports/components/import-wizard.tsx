import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Radio, Result, Space, Spin, Statistic, Steps, Table, Typography, Upload, type TableColumnType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

import { TwoLineCell } from '@/components/ui/two-line-cell';
import { paths } from '@/config/paths';
import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';

import { useCommitImport } from '../api/commit-import';
import { errorWorkbookUrl, templateUrl } from '../api/download-urls';
import { importQueryOptions, useImport } from '../api/get-import';
import { useUploadImport } from '../api/upload-import';
import { isBusy, type ImportError, type ImportJob } from '../types/import-job';

type ErrorRow = ImportError & { key: number };

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * Which cells are wrong and why. On a desktop four columns (row, column, value, problem); on
 * a phone two, so that the problem has the width to be read: the row with its column under
 * it, then the problem with the value under it (squeezed into four, the problem took one
 * character a line).
 */
function ErrorTable({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: TableColumnType<ErrorRow>[] = isPhone
    ? [
        {
          title: t('imports.cell'),
          key: 'cell',
          width: 96,
          render: (_, e) => <TwoLineCell main={String(e.row)} sub={e.column} subTestId="error-column" />,
        },
        {
          title: t('imports.message'),
          key: 'message',
          render: (_, e) => (
            <TwoLineCell main={e.message} sub={t('imports.valueIs', { value: shown(e.value) })} subTestId="error-value" />
          ),
        },
      ]
    : [
        { title: t('imports.row'), dataIndex: 'row', width: 80 },
        { title: t('imports.column'), dataIndex: 'column', width: 160 },
        { title: t('imports.value'), dataIndex: 'value', render: shown },
        { title: t('imports.message'), dataIndex: 'message' },
      ];
  return (
    <Table<ErrorRow>
      size="small"
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={columns}
    />
  );
}

/** "Some rows have errors", and the marked workbook to download: beside the message on a
 * desktop, under it on a phone (beside it, the message took one word a line in English). */
function InvalidAlert({ id }: { id: number }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const download = (
    <Button size="small" icon={<DownloadOutlined />} href={errorWorkbookUrl(id)}>
      {t('imports.downloadMarked')}
    </Button>
  );
  return (
    <Alert
      type="error"
      showIcon
      title={t('imports.invalid')}
      description={isPhone ? download : undefined}
      action={isPhone ? undefined : download}
    />
  );
}

/** The background job's progress: rows checked or written so far. */
function JobProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { done = 0, total = 0 } = job.progress ?? {};
  const percent = total ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
      <Typography.Text>
        {t(`imports.status.${job.status}`)}
        {done > 0 && ` ${t('imports.progressRows', { done, total: total || '…' })}`}
      </Typography.Text>
      <Progress percent={percent} status="active" showInfo={total > 0} aria-label={t(`imports.status.${job.status}`)} />
      <Typography.Text type="secondary">
        {t('imports.leaveHint')} <Link to={paths.jobs}>{t('jobs.title')}</Link>
      </Typography.Text>
    </Space>
  );
}

/** The upload the URL names (`?import=<id>`), or null. */
const uploadIn = (params: URLSearchParams): number | null => {
  const id = Number(params.get('import'));
  return Number.isInteger(id) && id > 0 ? id : null;
};

/**
 * Choose kind → upload → the dry run (a background job, polled) → errors or commit → done.
 * The upload lives in the URL (/imports?import=<id>) from the moment it is sent: the check
 * goes on while the user is elsewhere (the page tells them they may leave), and coming back
 * by My jobs, a reload or the browser's Back opens it at the step it has reached — a passed
 * check at its confirm, a check with errors at its list, a commit at its progress or result.
 */
export function ImportWizard({ kinds }: { kinds: readonly string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [kind, setKind] = useState(kinds[0]);
  const [step, setStep] = useState(0);
  const [percent, setPercent] = useState(0);
  const jobId = uploadIn(params);
  const found = useImport(jobId);
  const job = (jobId !== null && found.data) || null;
  const upload = useUploadImport();
  const commit = useCommitImport();
  const refreshed = useRef<number | null>(null);

  /** Leave the upload (the URL forgets it) for the step asked; a new file is of the upload's
   * kind (the wizard may have been opened at it by its id). */
  const leaveUpload = (to: number) => {
    if (job && kinds.includes(job.kind)) setKind(job.kind);
    if (jobId !== null) {
      const next = new URLSearchParams(params);
      next.delete('import');
      setParams(next);
    }
    commit.reset();
    setStep(to);
  };

  // The commit ends in the background: refresh what it changed (the header's jobs button
  // tells the user, wherever they are by then).
  const status = job?.status;
  useEffect(() => {
    if (!job || status !== 'committed' || refreshed.current === job.id) return;
    refreshed.current = job.id;
    void queryClient.invalidateQueries({ predicate: (q) => !['auth', 'imports'].includes(String(q.queryKey[0])) });
  }, [job, status, queryClient]);

  // With an upload in the URL the wizard is at its review; a committed upload is the last
  // step, however it got there (polling ends the commit, or the user came back to it).
  const current = jobId === null ? step : status === 'committed' ? 3 : 2;

  const restart = () => {
    setPercent(0);
    upload.reset();
    leaveUpload(0);
  };

  const steps = [
    { title: t('imports.chooseKind') },
    { title: t('imports.upload') },
    { title: t('imports.review') },
    { title: t('imports.done') },
  ];

  return (
    <Card title={t('imports.title')}>
      <Steps current={current} items={steps} style={{ marginBottom: 24 }} />

      {current === 0 && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as string)}
            optionType="button"
            buttonStyle="solid"
            aria-label={t('imports.kind')}
            options={kinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
          />
          <Typography.Paragraph type="secondary">{t('imports.templateHint')}</Typography.Paragraph>
          <Space>
            <Button icon={<DownloadOutlined />} href={templateUrl(kind)}>
              {t('imports.template')}
            </Button>
            <Button type="primary" onClick={() => setStep(1)}>
              {t('imports.upload')}
            </Button>
          </Space>
        </Space>
      )}

      {current === 1 && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text strong>{t(`imports.kinds.${kind}`)}</Typography.Text>
          <Upload.Dragger
            accept=".xlsx,.xls,.xlsm"
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            customRequest={({ file }) => {
              setPercent(0);
              upload.mutate(
                { kind, file: file as File, onProgress: setPercent },
                {
                  onSuccess: (result) => {
                    queryClient.setQueryData(importQueryOptions(result.id).queryKey, result);
                    void queryClient.invalidateQueries({ queryKey: ['jobs'] });
                    // In the URL at once: the user may leave while it is checked, and come back.
                    setParams((prev) => {
                      const next = new URLSearchParams(prev);
                      next.set('import', String(result.id));
                      return next;
                    });
                  },
                },
              );
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.dragHint')}</p>
          </Upload.Dragger>
          {upload.isPending && <Progress percent={percent} status="active" aria-label={t('imports.uploading')} />}
          {upload.isError && <Alert type="error" showIcon title={errorText(upload.error)} />}
          <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
        </Space>
      )}

      {current === 2 && !job && !found.isError && (
        <Spin>
          <div style={{ minHeight: 120 }} data-testid="import-loading" />
        </Spin>
      )}

      {current === 2 && !job && found.isError && (
        <Result
          status="warning"
          title={t('imports.missing')}
          subTitle={errorText(found.error)}
          data-testid="import-missing"
          extra={<Button onClick={restart}>{t('imports.again')}</Button>}
        />
      )}

      {current === 2 && job && isBusy(job.status) && <JobProgress job={job} />}

      {current === 2 && job && !isBusy(job.status) && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space size="large">
            <Statistic title={t('imports.rows')} value={job.rows} />
            <Statistic title={t('imports.ready')} value={job.ready} />
            <Statistic
              title={t('imports.failed')}
              value={job.failed}
              styles={{ content: { color: job.failed ? '#cf1322' : undefined } }}
            />
          </Space>
          {job.status === 'valid' && (
            <Alert type="success" showIcon title={t('imports.valid', { count: job.ready })} />
          )}
          {job.status === 'invalid' && !job.message && (
            <InvalidAlert id={job.id} />
          )}
          {job.message && (
            <Alert
              type="error"
              showIcon
              title={job.status === 'failed' ? t('imports.status.failed') : t('imports.invalidFile')}
              description={job.message}
            />
          )}
          {job.errors.length > 0 && <ErrorTable errors={job.errors} />}
          {commit.isError && <Alert type="error" showIcon title={errorText(commit.error)} />}
          <Space>
            <Button onClick={() => leaveUpload(1)}>{t('imports.upload')}</Button>
            <Button
              type="primary"
              disabled={job.status !== 'valid'}
              loading={commit.isPending}
              onClick={() =>
                commit.mutate(job.id, {
                  onSuccess: (result) => queryClient.setQueryData(importQueryOptions(result.id).queryKey, result),
                })
              }
            >
              {t('imports.commit')}
            </Button>
          </Space>
        </Space>
      )}

      {current === 3 && job && (
        <Result
          status="success"
          title={t('imports.committed', { created: job.created ?? 0, updated: job.updated ?? 0 })}
          subTitle={job.unchanged ? t('imports.unchanged', { count: job.unchanged }) : undefined}
          extra={<Button onClick={restart}>{t('imports.again')}</Button>}
        />
      )}
    </Card>
  );
}
