import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';

import { FormModal } from '@/components/ui/form-modal';
import { ApiError } from '@/lib/api-client';
import { saveErrors } from '@/lib/conflict';
import { applyServerErrors, clearEditedErrors } from '@/lib/form-errors';
import { renderWithProviders } from '@/testing/test-utils';

// 工号 and 专业 have no rules of their own (as on the teacher form); 姓名 has one.
function Fields() {
  return (
    <>
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="staff_no" label="工号">
        <Input />
      </Form.Item>
      <Form.Item name="major" label="专业">
        <Input />
      </Form.Item>
    </>
  );
}

/** A plain form whose onValuesChange is the shared one; `got` receives its instance. */
function PlainForm({ got }: { got: (form: FormInstance) => void }) {
  const [form] = Form.useForm();
  got(form);
  return (
    <Form form={form} initialValues={{ name: '王伟' }} onValuesChange={(changed: object) => clearEditedErrors(form, changed)}>
      <Fields />
    </Form>
  );
}

/** A form in the shared FormModal, which wires the clearing itself. */
function ModalForm({ got }: { got: (form: FormInstance) => void }) {
  const [form] = Form.useForm();
  got(form);
  return (
    <FormModal id="probe" title="probe" form={form} onFinish={() => undefined} onCancel={() => undefined} initialValues={{ name: '王伟' }}>
      <Fields />
    </FormModal>
  );
}

const tooLong = () =>
  new ApiError(400, { staff_no: ['请确保这个字段不超过 32 个字符。'], major: ['请确保这个字段不超过 100 个字符。'] });

function render(which: 'plain' | 'modal') {
  let form: FormInstance | null = null;
  const got = (f: FormInstance) => {
    form = f;
  };
  renderWithProviders(which === 'plain' ? <PlainForm got={got} /> : <ModalForm got={got} />);
  return () => form as unknown as FormInstance;
}

const apply = (form: FormInstance, error: unknown) => {
  let rest: string[] = [];
  act(() => {
    rest = applyServerErrors(form, error);
  });
  return rest;
};

describe('server errors on a form', () => {
  for (const which of ['plain', 'modal'] as const) {
    it(`go from a field without rules once it is changed (${which} form)`, async () => {
      const form = render(which);
      await screen.findByLabelText('工号');
      apply(form(), tooLong());
      expect(await screen.findByText('请确保这个字段不超过 32 个字符。')).toBeInTheDocument();
      expect(screen.getByText('请确保这个字段不超过 100 个字符。')).toBeInTheDocument();

      fireEvent.change(screen.getByLabelText('工号'), { target: { value: 'T-1' } });
      await waitFor(() => expect(screen.queryByText('请确保这个字段不超过 32 个字符。')).not.toBeInTheDocument());
      // Only the field changed: 专业 still says what is wrong with it.
      expect(screen.getByText('请确保这个字段不超过 100 个字符。')).toBeInTheDocument();
      expect(form().getFieldError('staff_no')).toEqual([]);
    });
  }

  it('are replaced by the next answer: a field it does not name is cleared, though not changed', async () => {
    const form = render('plain');
    await screen.findByLabelText('工号');
    apply(form(), tooLong());
    expect(await screen.findByText('请确保这个字段不超过 100 个字符。')).toBeInTheDocument();
    // The next save is refused for another field only.
    const rest = apply(form(), new ApiError(400, { name: ['姓名与身份证号不符。'], non_field_errors: ['请核对。'] }));
    expect(rest).toEqual(['请核对。']);
    expect(await screen.findByText('姓名与身份证号不符。')).toBeInTheDocument();
    expect(form().getFieldError('staff_no')).toEqual([]);
    expect(form().getFieldError('major')).toEqual([]);
    await waitFor(() => expect(screen.queryByText('请确保这个字段不超过 32 个字符。')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText('请确保这个字段不超过 100 个字符。')).not.toBeInTheDocument());

    // An answer naming no field at all (a refusal in `detail`) clears them as well.
    apply(form(), new ApiError(403, { detail: '无权操作。' }));
    await waitFor(() => expect(screen.queryByText('姓名与身份证号不符。')).not.toBeInTheDocument());
  });

  it('stay when no answer came (the network failed)', async () => {
    const form = render('plain');
    await screen.findByLabelText('工号');
    apply(form(), tooLong());
    expect(await screen.findByText('请确保这个字段不超过 32 个字符。')).toBeInTheDocument();
    expect(apply(form(), new TypeError('Failed to fetch'))).toEqual(['Failed to fetch']);
    expect(screen.getByText('请确保这个字段不超过 32 个字符。')).toBeInTheDocument();
  });

  it('go when a 409 loads the record as it is now', async () => {
    const form = render('modal');
    await screen.findByLabelText('工号');
    apply(form(), tooLong());
    expect(await screen.findByText('请确保这个字段不超过 100 个字符。')).toBeInTheDocument();
    let loaded: unknown = null;
    let rest: string[] = [];
    act(() => {
      rest = saveErrors(form(), new ApiError(409, { detail: 'stale', current: { id: 1, major: '机电' } }), '已被修改', (current) => {
        loaded = current;
      });
    });
    expect(rest).toEqual(['已被修改']);
    expect(loaded).toEqual({ id: 1, major: '机电' });
    await waitFor(() => expect(screen.queryByText('请确保这个字段不超过 100 个字符。')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText('请确保这个字段不超过 32 个字符。')).not.toBeInTheDocument());
  });

  it('on a field with rules give way to the rules when it is changed', async () => {
    const form = render('plain');
    await screen.findByLabelText('姓名');
    apply(form(), new ApiError(400, { name: ['姓名与身份证号不符。'] }));
    expect(await screen.findByText('姓名与身份证号不符。')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '' } });
    expect(await screen.findByText('请填写姓名')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('姓名与身份证号不符。')).not.toBeInTheDocument());
  });
});
