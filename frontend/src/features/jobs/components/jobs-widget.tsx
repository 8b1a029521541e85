import { CloudSyncOutlined } from '@ant-design/icons';
import { App, Badge, Button, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { JOB_STARTED_MESSAGE_KEY } from '@/lib/job-notice';

import { useJobs } from '../api/get-jobs';
import { isActive } from '../types/job';

import { finishedCheck, isRefusedCheck, jobOutcome, jobTitle } from './job-text';

/**
 * The header's "my jobs" button: how many of the user's jobs are still working, and a toast
 * when one of them ends (the user may have left the page that started it).
 */
export function JobsWidget() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, notification } = App.useApp();
  const me = useMe().data;
  const jobs = useJobs(1);
  const seen = useRef<Map<number, string> | null>(null);

  const rows = jobs.data?.results;
  useEffect(() => {
    if (!rows) return;
    const before = seen.current;
    seen.current = new Map(rows.map((job) => [job.id, job.status]));
    if (!before) return; // the first answer: nothing has changed yet
    for (const job of rows) {
      const was = before.get(job.id);
      if (was && isActive(was) && !isActive(job.status)) {
        // The done notice replaces the "export started" message (on a phone it covered it).
        message.destroy(JOB_STARTED_MESSAGE_KEY);
        // A check that ended opens its upload in the import wizard (to confirm, or its errors);
        // so does a commit that refused rows (its errors), as the bell's notice does.
        const check = finishedCheck(job);
        const open = () => navigate(check === null ? paths.jobs : paths.importUpload(check));
        if (job.status === 'succeeded') {
          const description = jobOutcome(job, t) || undefined;
          // A check that refused the file ended, but nothing can be imported: said as a warning.
          const say = isRefusedCheck(job) ? notification.warning : notification.success;
          say({ title: t('jobs.finished', { title: jobTitle(job, t) }), description, onClick: open });
        } else {
          notification.error({ title: t('jobs.failedTitle', { title: jobTitle(job, t) }), description: job.message, onClick: open });
        }
      }
    }
  }, [rows, navigate, message, notification, t]);

  if (!me) return null;
  const active = rows?.filter((job) => isActive(job.status)).length ?? 0;
  return (
    <Tooltip title={t('jobs.title')}>
      <Badge count={active} size="small">
        <Button
          type="text"
          shape="circle"
          aria-label={t('jobs.button', { count: active })}
          data-testid="jobs-button"
          icon={<CloudSyncOutlined style={{ fontSize: 18 }} />}
          onClick={() => navigate(paths.jobs)}
        />
      </Badge>
    </Tooltip>
  );
}
