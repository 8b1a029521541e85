import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Spin, Table, Tag, Typography, type TableColumnType } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { paths } from '@/config/paths';
import { buildUrl } from '@/lib/api-client';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDateTimeInChina } from '@/lib/dates';
import { apiLanguage } from '@/lib/i18n';
import { useListParams } from '@/lib/list-params';

import { useJobs } from '../api/get-jobs';
import { isActive, type Job } from '../types/job';

import { finishedCheck, hasMarkedRows, isRefusedCheck, jobOutcome, jobTitle, uploadOf } from './job-text';

type Column = TableColumnType<Job>;

/** No filters: the page alone is kept in the address (`?page=2`). */
const LIST_KEYS = [] as const;

const colors: Record<string, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };

function JobProgressCell({ job }: { job: Job }) {
  const { t } = useTranslation();
  const { done, total } = job.progress;
  if (!isActive(job.status)) return null;
  if (total) return <Progress size="small" percent={Math.min(99, Math.floor((done / total) * 100))} status="active" />;
  // No total yet (a workbook being gathered, an export or a check still counting its rows):
  // an indeterminate indicator and what is known so far, not an empty cell.
  const label =
    job.status === 'queued' ? t('jobs.waiting') : done ? t('jobs.doneSoFar', { count: done }) : t('jobs.working');
  return (
    <Space size={6} role="progressbar" aria-busy="true" aria-valuetext={label} data-testid="job-progress-unknown">
      <Spin size="small" />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Space>
  );
}

/** A file to download. On a phone its name wraps: a button keeps its text on one line, and a
 * school's workbook (南昌工业职业技术学院-双师型教师-2026-12-06.xlsx) pushed the table past the
 * screen's edge and squeezed the job's name to one character a line. It wraps on two lines at
 * most (four read as a block of text), ending in "…"; the whole name is the button's title. */
function FileButton({ href, name, title = name }: { href: string; name: string; title?: string }) {
  const isPhone = useIsPhone();
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={href}
      title={title}
      style={isPhone ? { whiteSpace: 'normal', overflowWrap: 'anywhere', height: 'auto', maxWidth: '100%', textAlign: 'start' } : undefined}
    >
      <span style={isPhone ? TWO_LINES : undefined} data-testid="file-name">
        {name}
      </span>
    </Button>
  );
}

// Two lines of 1.5 (max-height where line-clamp is not understood), "…" where it is.
const TWO_LINES: CSSProperties = {
  display: '-webkit-box',
  lineHeight: 1.5,
  maxHeight: '3em',
  WebkitBoxOrient: 'vertical',
  WebkitLineClamp: 2,
  overflow: 'hidden',
  overflowWrap: 'anywhere',
};

/** 我的任务: the user's background jobs (imports, workbooks, exports), with their results. */
export function JobsPage() {
  const { t } = useTranslation();
  const { page, setPage } = useListParams(LIST_KEYS);
  const jobs = useJobs(page);
  const isPhone = useIsPhone();
  // Uploads whose commit is listed: their check has nothing left to confirm. Those whose
  // commit refused rows (broken since the check) have errors to see instead.
  const commits = (jobs.data?.results ?? []).filter((job) => job.kind === 'imports.commit');
  const withCommit = new Set(commits.map(uploadOf));
  const refusedAtCommit = new Set(commits.filter(hasMarkedRows).map(uploadOf));
  const status = (job: Job) => (
    <Tag color={colors[job.status]} data-testid="job-status">
      {t(`jobs.statuses.${job.status}`)}
    </Tag>
  );
  const result: Column = {
    title: t('jobs.result'),
    key: 'result',
    render: (_: unknown, job) => {
      if (job.download) {
        return (
          <FileButton href={buildUrl(job.download)} name={job.result_name || t('jobs.download')} />
        );
      }
      const outcome = jobOutcome(job, t);
      if (!outcome) {
        return <Typography.Text type={job.status === 'failed' ? 'danger' : 'secondary'}>{job.message}</Typography.Text>;
      }
      // A check (or a commit) that found wrong cells keeps its marked workbook here (the
      // wizard may be gone).
      const marked = hasMarkedRows(job) && job.link;
      // A check that ended opens in the import wizard: one that passed at its confirm (the
      // user may have left while it ran), one with errors at its list; so does a commit that
      // refused rows, and the check before it (its upload has errors now).
      const check = finishedCheck(job);
      const passed = check !== null && !isRefusedCheck(job) && !withCommit.has(check);
      const errors = marked || (check !== null && refusedAtCommit.has(check));
      return (
        <Space orientation="vertical" size={4} data-testid="job-outcome">
          <Typography.Text type={isRefusedCheck(job) ? 'danger' : undefined}>{outcome}</Typography.Text>
          {check !== null && (passed || errors) && (
            <Link to={paths.importUpload(check)}>{t(passed ? 'jobs.reviewImport' : 'jobs.viewErrors')}</Link>
          )}
          {marked && (
            // A plain link sends the browser's language: `lang` asks for the app's.
            // On a phone a shorter name that reads whole in two lines of the column ("Download
            // the marked workbook" was cut to "Download the…"); the full one is its title.
            <FileButton
              href={buildUrl(`${job.link}errors/`, { lang: apiLanguage() })}
              name={isPhone ? t('jobs.markedWorkbook') : t('imports.downloadMarked')}
              title={t('imports.downloadMarked')}
            />
          )}
        </Space>
      );
    },
  };
  // A phone shows what each job is (when it started under it), how it stands (the progress
  // bar under the status while it runs) and its file, without scrolling sideways.
  const columns: Column[] = isPhone
    ? [
        {
          title: t('jobs.what'),
          key: 'what',
          render: (_: unknown, job) => (
            <TwoLineCell main={jobTitle(job, t)} sub={formatDateTimeInChina(job.created_at)} subTestId="job-started" />
          ),
        },
        {
          title: t('jobs.status'),
          key: 'status',
          width: 84,
          render: (_: unknown, job) => (
            <>
              {status(job)}
              <JobProgressCell job={job} />
            </>
          ),
        },
        // Its share fixed: left to content, a result's file took the row and left the job's
        // name a few characters a line.
        { ...result, width: '38%' },
      ]
    : [
        { title: t('jobs.what'), key: 'what', render: (_: unknown, job) => jobTitle(job, t) },
        { title: t('jobs.status'), key: 'status', render: (_: unknown, job) => status(job) },
        {
          title: t('jobs.progress'),
          key: 'progress',
          width: 180,
          render: (_: unknown, job) => <JobProgressCell job={job} />,
        },
        { title: t('jobs.started'), dataIndex: 'created_at', render: (at: string) => formatDateTimeInChina(at) },
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
          tableLayout={isPhone ? 'fixed' : undefined}
          pagination={{
            current: page,
            total: jobs.data?.count ?? 0,
            pageSize: 20,
            onChange: setPage,
            hideOnSinglePage: true,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={columns}
        />
      )}
    </Card>
  );
}
