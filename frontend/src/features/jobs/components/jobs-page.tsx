import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, Tag, Typography, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { buildUrl } from '@/lib/api-client';
import { useIsPhone } from '@/lib/breakpoints';

import { useJobs } from '../api/get-jobs';
import { isActive, type Job } from '../types/job';

type Column = TableColumnType<Job>;

const colors: Record<string, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };

function JobProgressCell({ job }: { job: Job }) {
  const { done, total } = job.progress;
  if (!isActive(job.status)) return null;
  if (!total) return <Typography.Text type="secondary">{done || ''}</Typography.Text>;
  return <Progress size="small" percent={Math.min(99, Math.floor((done / total) * 100))} status="active" />;
}

/** 我的任务: the user's background jobs (imports, workbooks, exports), with their results. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const jobs = useJobs(page);
  const isPhone = useIsPhone();
  const started = (at: string) => new Date(at).toLocaleString(i18n.language);
  const status = (job: Job) => (
    <Tag color={colors[job.status]} data-testid="job-status">
      {t(`jobs.statuses.${job.status}`)}
    </Tag>
  );
  const result: Column = {
    title: t('jobs.result'),
    key: 'result',
    render: (_: unknown, job) =>
      job.download ? (
        <Button size="small" icon={<DownloadOutlined />} href={buildUrl(job.download)}>
          {job.result_name || t('jobs.download')}
        </Button>
      ) : (
        <Typography.Text type={job.status === 'failed' ? 'danger' : 'secondary'}>{job.message}</Typography.Text>
      ),
  };
  // A phone shows what each job is (when it started under it), how it stands (the progress
  // bar under the status while it runs) and its file, without scrolling sideways.
  const columns: Column[] = isPhone
    ? [
        {
          title: t('jobs.what'),
          key: 'what',
          render: (_: unknown, job) => (
            <TwoLineCell main={job.title || job.kind} sub={started(job.created_at)} subTestId="job-started" />
          ),
        },
        {
          title: t('jobs.status'),
          key: 'status',
          width: 110,
          render: (_: unknown, job) => (
            <>
              {status(job)}
              <JobProgressCell job={job} />
            </>
          ),
        },
        result,
      ]
    : [
        { title: t('jobs.what'), dataIndex: 'title', render: (title: string, job) => title || job.kind },
        { title: t('jobs.status'), key: 'status', render: (_: unknown, job) => status(job) },
        {
          title: t('jobs.progress'),
          key: 'progress',
          width: 180,
          render: (_: unknown, job) => <JobProgressCell job={job} />,
        },
        { title: t('jobs.started'), dataIndex: 'created_at', render: started },
        result,
      ];
  return (
    <Card title={t('jobs.title')}>
      <Typography.Paragraph type="secondary">{t('jobs.hint')}</Typography.Paragraph>
      {/* A failed poll keeps the rows it had. */}
      {jobs.isError && !jobs.data ? (
        <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<Job>
          rowKey="id"
          size="middle"
          loading={jobs.isLoading}
          dataSource={jobs.data?.results ?? []}
          scroll={isPhone ? undefined : { x: 720 }}
          pagination={{ current: page, total: jobs.data?.count ?? 0, pageSize: 20, onChange: setPage, hideOnSinglePage: true }}
          columns={columns}
        />
      )}
    </Card>
  );
}
