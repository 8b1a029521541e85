import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { paths } from '@/config/paths';
import { errorText } from '@/lib/error-text';

import { useExportProvince, useExportSchool } from '../api/export-province';

/** "导出全省统计表": starts the workbook job, says so, and links to "my jobs" for the file. */
export function ProvinceWorkbookButton() {
  const { t } = useTranslation();
  const exporting = useExportProvince();
  return (
    <WorkbookButton
      pending={exporting.isPending}
      start={(callbacks) => exporting.mutate(undefined, callbacks)}
      label={t('dashboard.workbook')}
      started={t('dashboard.workbookStarted')}
      testId="province-workbook"
    />
  );
}

/** "导出本校明细": one school's workbook, the same way. */
export function SchoolWorkbookButton({ school }: { school: number }) {
  const { t } = useTranslation();
  const exporting = useExportSchool();
  return (
    <WorkbookButton
      pending={exporting.isPending}
      start={(callbacks) => exporting.mutate(school, callbacks)}
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
  label,
  started,
  testId,
}: {
  pending: boolean;
  start: (callbacks: Callbacks) => void;
  label: string;
  started: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The message renders outside the router (antd's App holder): no <Link> there.
  const navigate = useNavigate();
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={pending}
      data-testid={testId}
      onClick={() =>
        start({
          onSuccess: () =>
            void message.info({
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
        })
      }
    >
      {label}
    </Button>
  );
}
