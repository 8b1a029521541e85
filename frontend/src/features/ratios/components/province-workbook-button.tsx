import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Popover, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { DateField } from '@/components/ui/date-field';
import { paths } from '@/config/paths';
import { isAfterTodayInChina, todayInChina } from '@/lib/dates';
import { errorText } from '@/lib/error-text';
import { JOB_STARTED_MESSAGE_KEY } from '@/lib/job-notice';

import { useExportProvince, useExportSchool } from '../api/export-province';

/** "导出全省统计表": asks for the date (the page's, else today), starts the workbook job as on
 * it, says so, and links to "my jobs" for the file. */
export function ProvinceWorkbookButton({ asOf }: { asOf?: string }) {
  const { t } = useTranslation();
  const exporting = useExportProvince();
  return (
    <WorkbookButton
      pending={exporting.isPending}
      start={(day, callbacks) => exporting.mutate(day, callbacks)}
      asOf={asOf}
      label={t('dashboard.workbook')}
      started={t('dashboard.workbookStarted')}
      testId="province-workbook"
    />
  );
}

/** "导出本校明细": one school's workbook as on a date, the same way. */
export function SchoolWorkbookButton({ school, asOf }: { school: number; asOf?: string }) {
  const { t } = useTranslation();
  const exporting = useExportSchool();
  return (
    <WorkbookButton
      pending={exporting.isPending}
      start={(day, callbacks) => exporting.mutate({ school, asOf: day }, callbacks)}
      asOf={asOf}
      label={t('school.workbook')}
      started={t('school.workbookStarted')}
      testId="school-workbook"
    />
  );
}

type Callbacks = { onSuccess: () => void; onError: (error: unknown) => void };

function WorkbookButton({
  pending,
  start,
  asOf,
  label,
  started,
  testId,
}: {
  pending: boolean;
  start: (day: string | undefined, callbacks: Callbacks) => void;
  asOf?: string;
  label: string;
  started: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The message renders outside the router (antd's App holder): no <Link> there.
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState<Dayjs>(() => (asOf ? dayjs(asOf) : todayInChina()));

  const run = () => {
    setOpen(false);
    // Today goes unsaid: the server's today (Asia/Shanghai) names the file and is recorded
    // on the job, whatever the clock of this browser says.
    start(day.isSame(todayInChina(), 'day') ? undefined : day.format('YYYY-MM-DD'), {
      onSuccess: () =>
        void message.info({
          key: JOB_STARTED_MESSAGE_KEY,
          content: (
            <span data-testid="export-started">
              {started}{' '}
              <a
                href={paths.jobs}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(paths.jobs);
                }}
              >
                {t('jobs.title')}
              </a>
            </span>
          ),
        }),
      onError: (error) => void message.error(errorText(error)),
    });
  };

  const form = (
    <Space orientation="vertical" size="small" data-testid={`${testId}-form`}>
      <Typography.Text type="secondary">{t('dashboard.workbookAsOfHint')}</Typography.Text>
      <Space wrap>
        <DateField
          aria-label={t('dashboard.workbookAsOf')}
          value={day}
          allowClear={false}
          // As the ratios' date: a workbook of what has happened, up to today.
          disabledDate={isAfterTodayInChina}
          onChange={(d) => d && setDay(d)}
        />
        <Button type="primary" onClick={run}>
          {t('dashboard.workbookStart')}
        </Button>
      </Space>
    </Space>
  );

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(next) => {
        // Each opening starts from the page's date (else today), not the last one picked.
        if (next) setDay(asOf ? dayjs(asOf) : todayInChina());
        setOpen(next);
      }}
      title={label}
      content={form}
    >
      <Button icon={<FileExcelOutlined />} loading={pending} data-testid={testId}>
        {label}
      </Button>
    </Popover>
  );
}
