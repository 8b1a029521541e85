import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { paths } from '@/config/paths';
import { errorText } from '@/lib/error-text';

import { useExportProvince } from '../api/export-province';

/** "导出全省统计表": starts the workbook job, says so, and links to "my jobs" for the file. */
export function ProvinceWorkbookButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporting = useExportProvince();
  // The message renders outside the router (antd's App holder): no <Link> there.
  const navigate = useNavigate();
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={exporting.isPending}
      data-testid="province-workbook"
      onClick={() =>
        exporting.mutate(undefined, {
          onSuccess: () =>
            void message.info({
              content: (
                <span data-testid="export-started">
                  {t('dashboard.workbookStarted')}{' '}
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
      {t('dashboard.workbook')}
    </Button>
  );
}
