import type { UseMutationResult } from '@tanstack/react-query';
import { Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { saveErrors } from '@/lib/conflict';
import { datesFromDayjs, datesToDayjs } from '@/lib/dates';
import { clearEditedErrors } from '@/lib/form-errors';

import { useSavedNotice } from './use-saved-notice';

type Versioned = { id: number; version?: number };
type Input<T> = Partial<Omit<T, 'id'>> & { id?: number; teacher: number };

/**
 * The save of a teacher's record (certificate, enterprise period) from its modal: validates
 * the form, sends the row with the version it was read at, says "已保存：…" with the new
 * verdict, and on a 409 loads the row as it is now and shows why. The modal's form takes
 * `onValuesChange`: a server's word on a field goes once the field is changed.
 */
export function useRecordSave<T extends Versioned>({
  teacher,
  record,
  dateFields,
  save,
  onClose,
}: {
  teacher: number;
  record: T | null;
  dateFields: string[];
  save: UseMutationResult<T, unknown, Input<T>>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const notice = useSavedNotice(teacher);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  // Bumped when a 409 hands us the row as it is now.
  const [version, setVersion] = useState(record?.version);

  const onOk = async () => {
    // antd rejects with the field errors, which it already shows.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setOtherErrors([]);
    const saved = notice.begin();
    save.mutate(
      { ...(datesFromDayjs(values, dateFields) as Partial<T>), id: record?.id, version, teacher } as Input<T>,
      {
        onSuccess: () => {
          void saved();
          onClose();
        },
        onError: (e) =>
          setOtherErrors(
            saveErrors<T>(form, e, t('common.conflict'), (current) => {
              setVersion(current.version);
              form.setFieldsValue(datesToDayjs(current, dateFields));
            }),
          ),
      },
    );
  };

  const onValuesChange = (changed: Record<string, unknown>) => clearEditedErrors(form, changed);

  return { form, otherErrors, onOk, onValuesChange };
}
