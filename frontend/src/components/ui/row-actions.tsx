import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** A table row's edit and delete links; the delete asks for confirmation first. */
export function RowActions({ onEdit, onDelete, tight }: { onEdit: () => void; onDelete: () => void; tight?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={tight ? 0 : undefined}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={t('common.confirmDelete')} onConfirm={onDelete}>
        <Button type="link" size="small" danger>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
