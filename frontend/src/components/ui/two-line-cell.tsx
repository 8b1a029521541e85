import { Space, Typography, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table cell's main text with a smaller grey line under it: a name with its school, staff
 * number, code or host. On a phone the second line carries a column the table leaves out, so
 * that who a row is about and its verdict fit the first screen.
 */
export function TwoLineCell({ main, sub, subTestId }: { main: ReactNode; sub: ReactNode; subTestId?: string }) {
  return (
    <Space orientation="vertical" size={0}>
      {typeof main === 'string' ? <Typography.Text>{main}</Typography.Text> : main}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={subTestId}>
        {sub}
      </Typography.Text>
    </Space>
  );
}

/**
 * A row's teacher and school as table columns: on a desktop two; on a phone one, the school
 * under the name (`subTestId` names that line), so the row's status or result can come next.
 */
export function teacherSchoolColumns<T extends { teacher_name: string; school_name: string }>(
  isPhone: boolean,
  titles: { teacher: string; school: string },
  subTestId: string,
): { teacher: TableColumnType<T>; school: TableColumnType<T> } {
  const school: TableColumnType<T> = { title: titles.school, dataIndex: 'school_name' };
  const teacher: TableColumnType<T> = isPhone
    ? {
        title: titles.teacher,
        key: 'teacher',
        render: (_, row) => <TwoLineCell main={row.teacher_name} sub={row.school_name} subTestId={subTestId} />,
      }
    : { title: titles.teacher, dataIndex: 'teacher_name' };
  return { teacher, school };
}
