import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';

import { errorText } from '@/lib/error-text';
import { JOB_STARTED_MESSAGE_KEY } from '@/lib/job-notice';

import { useExportPracticeDuty } from '../api/export-practice-duty';

/** Starts the duty list's export as a background job (the header's jobs button says when
 * it is ready): a plain link came in the browser's language, not the app's. */
export function DutyExportButton({ school, short }: { school?: number; short: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporting = useExportPracticeDuty();
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={exporting.isPending}
      onClick={() =>
        exporting.mutate(
          { school, short: short || undefined },
          {
            onSuccess: () =>
              void message.info({
                key: JOB_STARTED_MESSAGE_KEY,
                content: <span data-testid="duty-export-started">{t('duty.exportStarted')}</span>,
              }),
            onError: (error) => void message.error(errorText(error)),
          },
        )
      }
    >
      {t('duty.export')}
    </Button>
  );
}
