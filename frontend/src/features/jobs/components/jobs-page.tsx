import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { buildUrl } from '@/lib/api-client';

import { useJobs } from '../api/get-jobs';
import { isActive, type Job } from '../types/job';

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
  return (
    <Card title={t('jobs.title')}>
      <Typography.Paragraph type="secondary">{t('jobs.hint')}</Typography.Paragraph>
      <Table<Job>
        rowKey="id"
        size="middle"
        loading={jobs.isLoading}
        dataSource={jobs.data?.results ?? []}
        scroll={{ x: 720 }}
        pagination={{ current: page, total: jobs.data?.count ?? 0, pageSize: 20, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('jobs.what'), dataIndex: 'title', render: (title: string, job) => title || job.kind },
          {
            title: t('jobs.status'),
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={colors[status]} data-testid="job-status">
                {t(`jobs.statuses.${status}`)}
              </Tag>
            ),
          },
          { title: t('jobs.progress'), key: 'progress', width: 180, render: (_: unknown, job) => <JobProgressCell job={job} /> },
          {
            title: t('jobs.started'),
            dataIndex: 'created_at',
            render: (at: string) => new Date(at).toLocaleString(i18n.language),
          },
          {
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
          },
        ]}
      />
    </Card>
  );
}
