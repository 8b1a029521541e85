import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Upload } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

import { useMyRecord } from '../api/records';

// What each type the server may accept begins with, the names it goes by and what a
// message calls it: the server judges a file by its content, not its name, and says which
// of these it accepts.
const FORMATS: Partial<Record<string, { magic: number[]; extensions: string[]; name: string }>> = {
  'application/pdf': { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], extensions: ['.pdf'], name: 'PDF' },
  'image/jpeg': { magic: [0xff, 0xd8, 0xff], extensions: ['.jpg', '.jpeg'], name: 'JPEG' },
  'image/png': { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extensions: ['.png'], name: 'PNG' },
};

/** The accepted types as a message names them ("PDF、PNG"): the server's list, not this page's. */
export function typesNamed(contentTypes: string[], t: TFunction): string {
  return contentTypes
    .map((type) => FORMATS[type]?.name ?? type)
    .join(t('recognition.propose.typeSeparator'));
}

/** What the server accepts as an evidence file: its largest size and its content types. */
export type EvidenceRules = { maxBytes: number; contentTypes: string[] };

/** The server's values as of this writing (EVIDENCE_MAX_MB = 10), used only until it answers. */
const WHILE_LOADING: EvidenceRules = { maxBytes: 10 * 1024 * 1024, contentTypes: Object.keys(FORMATS) };

/** What the server accepts, as my-record/ says (the teacher's page loads it already). */
export function useEvidenceRules(): EvidenceRules {
  const { data } = useMyRecord();
  return {
    maxBytes: data?.evidence_max_bytes ?? WHILE_LOADING.maxBytes,
    contentTypes: data?.evidence_content_types ?? WHILE_LOADING.contentTypes,
  };
}

/** The file picker's `accept` for these types (none, so any file, when one is not known here). */
function acceptOf(contentTypes: string[]): string | undefined {
  const known = contentTypes.flatMap((type) => FORMATS[type] ?? []);
  return known.length < contentTypes.length ? undefined : known.flatMap((f) => f.extensions).join(',');
}

/** The size in MB as the messages name it (10, 2, 0.5). */
const megabytes = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

/** Whether `file` is of one of `contentTypes` by its content, read before anything is sent. */
export function isEvidenceFile(file: Blob, contentTypes: string[]): Promise<boolean> {
  const known = contentTypes.flatMap((type) => FORMATS[type] ?? []);
  // A type this page cannot tell by its first bytes: the server judges the file.
  if (known.length < contentTypes.length) return Promise.resolve(true);
  const signatures = known.map((format) => format.magic);
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const head = new Uint8Array(reader.result as ArrayBuffer);
      resolve(signatures.some((magic) => magic.every((byte, i) => head[i] === byte)));
    };
    // Unreadable here: the server judges it.
    reader.onerror = () => resolve(true);
    reader.readAsArrayBuffer(file.slice(0, 8));
  });
}

/** Why `file` would be refused, in words (empty, over the server's limit, not of a type it
 * accepts), or null: checked before anything is sent, so no record waits for a file the
 * server refuses. */
export async function evidenceFileProblem(file: File, rules: EvidenceRules, t: TFunction): Promise<string | null> {
  if (file.size === 0) return t('recognition.propose.fileEmpty');
  if (file.size > rules.maxBytes) return t('recognition.propose.fileTooLarge', { mb: megabytes(rules.maxBytes) });
  if (!(await isEvidenceFile(file, rules.contentTypes))) {
    return t('recognition.propose.fileType', { types: typesNamed(rules.contentTypes, t) });
  }
  return null;
}

/** A form's check of its chosen file on submit: why it cannot be sent (none chosen, or
 * evidenceFileProblem) goes on the form's file field. Resolves to the file when it may be
 * sent, else null. */
export function useEvidenceFileCheck(form: FormInstance): (file: File | null) => Promise<File | null> {
  const { t } = useTranslation();
  const rules = useEvidenceRules();
  return async (file) => {
    const problem = file ? await evidenceFileProblem(file, rules, t) : t('recognition.propose.fileRequired');
    if (problem) {
      form.setFields([{ name: 'file', errors: [problem] }]);
      return null;
    }
    return file;
  };
}

/** The form's file field for one evidence file (of a type the server accepts): the file is
 * kept by the form's owner (`onPick`, `onRemove`) and sent by it, never uploaded by antd itself. */
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
  const rules = useEvidenceRules();
  return (
    <Form.Item
      name="file"
      label={t('recognition.propose.file')}
      extra={t('recognition.propose.fileHint', {
        types: typesNamed(rules.contentTypes, t),
        mb: megabytes(rules.maxBytes),
      })}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList?: unknown[] }) => e?.fileList}
    >
      <Upload
        accept={acceptOf(rules.contentTypes)}
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
