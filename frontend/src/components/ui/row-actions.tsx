import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';

/**
 * A table row's edit and delete buttons (edit alone without `onDelete`); the delete asks for
 * confirmation first. On a phone they are icons (named for screen readers and on hover), so
 * that a narrow column holds both.
 */
export function RowActions({ onEdit, onDelete, tight }: { onEdit: () => void; onDelete?: () => void; tight?: boolean }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const button = (name: string, icon: ReactNode) =>
    isPhone ? { 'aria-label': name, title: name, icon, children: null } : { children: name };
  return (
    <Space size={tight || isPhone ? 0 : undefined}>
      <Button type="link" size="small" onClick={onEdit} {...button(t('common.edit'), <EditOutlined />)} />
      {onDelete && (
        <Popconfirm title={t('common.confirmDelete')} onConfirm={onDelete}>
          <Button type="link" size="small" danger {...button(t('common.delete'), <DeleteOutlined />)} />
        </Popconfirm>
      )}
    </Space>
  );
}

/** A table's actions column of `RowActions` for each row, or no column where the user may not
 * edit (`shown` false). */
export function useRowActionsColumns<T>(
  shown: boolean,
  actions: (row: T) => { onEdit: () => void; onDelete?: () => void },
  width?: number,
): TableColumnType<T>[] {
  const { t } = useTranslation();
  if (!shown) return [];
  return [{ title: t('common.actions'), key: 'actions', width, render: (_, row) => <RowActions {...actions(row)} /> }];
}

/** A delete's `mutate` options that say how it went: "已删除", or why not (a programme with
 * completions, say). */
export function useDeleteNotices() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return {
    onSuccess: () => void message.success(t('common.deleted')),
    onError: (error: Error) => void message.error(errorText(error)),
  };
}
