import { FileTextOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { evidenceDownloadUrl } from '../api/records';
import type { Application } from '../types';

type EvidenceRow = Application['evidence_files'][number];

/** 812 B, 240 KB, 1.5 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** An application's files as a reviewer reads them: the name (a download link), then its
 * kind, the record it backs, its description and size. Every role that reads the
 * application in full may open them (the API scopes the files alike). */
export function EvidenceList({ application }: { application: Application }) {
  const { t } = useTranslation();
  const files: EvidenceRow[] = application.evidence_files ?? [];
  // An answer without names (an older server): at least a link per id.
  const bare = files.length ? [] : (application.evidence ?? []);
  if (!files.length && !bare.length) return <>—</>;
  return (
    <div data-testid="application-evidence">
      {files.map((f) => {
        const about = [
          t(`recognition.evidenceKind.${f.kind}`, { defaultValue: f.kind }),
          f.record,
          f.description,
          fileSize(f.size),
        ].filter(Boolean);
        return (
          <div key={f.id} style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
            <a href={evidenceDownloadUrl(f.id)} download={f.filename}>
              <FileTextOutlined /> {f.filename}
            </a>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {about.join(' · ')}
              </Typography.Text>
            </div>
          </div>
        );
      })}
      {bare.map((id) => (
        <div key={id}>
          <a href={evidenceDownloadUrl(id)}>{t('recognition.file', { id })}</a>
        </div>
      ))}
    </div>
  );
}
