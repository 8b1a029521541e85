import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Upload } from 'antd';
import { useTranslation } from 'react-i18next';

// The first bytes of the files the server accepts (it judges by content, not by name).
const SIGNATURES = [[0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]];

/** Whether `file` is a PDF, JPEG or PNG by its content, read before anything is sent. */
export function isEvidenceFile(file: Blob): Promise<boolean> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const head = new Uint8Array(reader.result as ArrayBuffer);
      resolve(SIGNATURES.some((magic) => magic.every((byte, i) => head[i] === byte)));
    };
    // Unreadable here: the server judges it.
    reader.onerror = () => resolve(true);
    reader.readAsArrayBuffer(file.slice(0, 8));
  });
}

/** The largest evidence file the server keeps (EVIDENCE_MAX_MB, the 10 MB the hint names). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Why `file` would be refused, in words (empty, over 10 MB, no PDF/JPEG/PNG), or null:
 * checked before anything is sent, so no record waits for a file the server refuses. */
export async function evidenceFileProblem(file: File, t: (key: string) => string): Promise<string | null> {
  if (file.size === 0) return t('recognition.propose.fileEmpty');
  if (file.size > EVIDENCE_MAX_BYTES) return t('recognition.propose.fileTooLarge');
  if (!(await isEvidenceFile(file))) return t('recognition.propose.fileType');
  return null;
}

/** The form's file field for one evidence file (PDF, JPEG or PNG): the file is kept by the
 * form's owner (`onPick`, `onRemove`) and sent by it, never uploaded by antd itself. */
export function EvidenceFileItem({
  onPick,
  onRemove,
  testId,
}: {
  onPick: (file: File) => void;
  onRemove: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="file"
      label={t('recognition.propose.file')}
      extra={t('recognition.propose.fileHint')}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList?: unknown[] }) => e?.fileList}
    >
      <Upload
        accept=".pdf,.jpg,.jpeg,.png"
        maxCount={1}
        beforeUpload={(f) => {
          onPick(f);
          return false;
        }}
        onRemove={onRemove}
      >
        <Button icon={<UploadOutlined />} data-testid={testId}>
          {t('recognition.propose.choose')}
        </Button>
      </Upload>
    </Form.Item>
  );
}
