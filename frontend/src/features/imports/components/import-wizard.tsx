import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api-client';

import { useCommitImport } from '../api/commit-import';
import { errorWorkbookUrl, templateUrl } from '../api/download-urls';
import { useUploadImport } from '../api/upload-import';
import type { ImportError, ImportJob } from '../types/import-job';

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.values(error.fieldErrors()).flat();
    return fields.length ? fields.join(' ') : error.message;
  }
  return String((error as Error)?.message ?? error);
}

/** Choose kind → upload (dry run, with progress) → errors or commit → done. */
export function ImportWizard({ kinds }: { kinds: readonly string[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState(kinds[0]);
  const [step, setStep] = useState(0);
  const [percent, setPercent] = useState(0);
  const [job, setJob] = useState<ImportJob | null>(null);
  const upload = useUploadImport();
  const commit = useCommitImport();

  const restart = () => {
    setJob(null);
    setPercent(0);
    upload.reset();
    commit.reset();
    setStep(0);
  };

  const steps = [
    { title: t('imports.chooseKind') },
    { title: t('imports.upload') },
    { title: t('imports.review') },
    { title: t('imports.done') },
  ];

  return (
    <Card title={t('imports.title')}>
      <Steps current={step} items={steps} style={{ marginBottom: 24 }} />

      {step === 0 && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
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

      {step === 1 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
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
                    setJob(result);
                    setStep(2);
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

      {step === 2 && job && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space size="large">
            <Statistic title={t('imports.rows')} value={job.rows} />
            <Statistic title={t('imports.ready')} value={job.ready} />
            <Statistic
              title={t('imports.failed')}
              value={job.failed}
              styles={{ content: { color: job.failed ? '#cf1322' : undefined } }}
            />
          </Space>
          {job.status === 'valid' ? (
            <Alert type="success" showIcon title={t('imports.valid')} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('imports.invalid')}
              action={
                <Button size="small" icon={<DownloadOutlined />} href={errorWorkbookUrl(job.id)}>
                  {t('imports.downloadMarked')}
                </Button>
              }
            />
          )}
          {job.errors.length > 0 && (
            <Table<ImportError>
              size="small"
              rowKey={(e, i) => `${e.row}-${e.column}-${i}`}
              dataSource={job.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('imports.row'), dataIndex: 'row', width: 80 },
                { title: t('imports.column'), dataIndex: 'column', width: 160 },
                {
                  title: t('imports.value'),
                  dataIndex: 'value',
                  render: (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v)),
                },
                { title: t('imports.message'), dataIndex: 'message' },
              ]}
            />
          )}
          {commit.isError && <Alert type="error" showIcon title={errorText(commit.error)} />}
          <Space>
            <Button onClick={() => setStep(1)}>{t('imports.upload')}</Button>
            <Button
              type="primary"
              disabled={job.status !== 'valid'}
              loading={commit.isPending}
              onClick={() =>
                commit.mutate(job.id, {
                  onSuccess: (result) => {
                    setJob(result);
                    setStep(3);
                  },
                })
              }
            >
              {t('imports.commit')}
            </Button>
          </Space>
        </Space>
      )}

      {step === 3 && job && (
        <Result
          status="success"
          title={t('imports.committed', { created: job.created ?? 0, updated: job.updated ?? 0 })}
          extra={<Button onClick={restart}>{t('imports.again')}</Button>}
        />
      )}
    </Card>
  );
}
