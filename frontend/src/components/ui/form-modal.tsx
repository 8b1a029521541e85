import { Alert, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { clearEditedErrors } from '@/lib/form-errors';

type FormModalProps<T> = {
  /** The <form>'s id: the modal's OK button submits it, so Enter in any field saves. */
  id: string;
  title: ReactNode;
  form: FormInstance<T>;
  onFinish: (values: T) => void;
  onCancel: () => void;
  saving?: boolean;
  /** Messages that belong to no field (non_field_errors, detail, a conflict). */
  errors?: string[];
  initialValues?: Record<string, unknown>;
  onValuesChange?: (changed: Record<string, unknown>, all: T) => void;
  okText?: ReactNode;
  width?: number;
  children: ReactNode;
};

/** An antd form in a modal, keyboard-first: Enter submits, Esc closes. */
export function FormModal<T>({
  id,
  title,
  form,
  onFinish,
  onCancel,
  saving,
  errors = [],
  initialValues,
  onValuesChange,
  okText,
  width,
  children,
}: FormModalProps<T>) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: id }}
      confirmLoading={saving}
      destroyOnHidden
      width={width}
    >
      <Form<T>
        id={id}
        name={id}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={(changed: Record<string, unknown>, all: T) => {
          // A server's word on a field goes once the field is changed.
          clearEditedErrors(form, changed);
          onValuesChange?.(changed, all);
        }}
      >
        {errors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={errors.join(' ')} />
        )}
        {children}
      </Form>
    </Modal>
  );
}
