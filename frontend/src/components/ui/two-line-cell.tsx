import { Space, Typography, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table cell's main text with a smaller grey line under it: a name with its school, staff
 * number, code or host. On a phone the second line carries a column the table leaves out, so
 * that who a row is about and its verdict fit the first screen. Without `sub` (undefined, null
 * or false: `sub={isPhone && …}` on a desktop, or nothing to add) the cell is `main` as it is.
 */
export function TwoLineCell({ main, sub, subTestId }: { main: ReactNode; sub?: ReactNode; subTestId?: string }) {
  if (sub === undefined || sub === null || sub === false) return <>{main}</>;
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
 * A row's person (a teacher, a mentor: the `name` field) and school as table columns: on a
 * desktop two; on a phone one, the school under the name (`subTestId` names that line), so the
 * row's status or result can come next.
 */
export function personSchoolColumns<T extends { school_name: string }>(
  isPhone: boolean,
  titles: { person: string; school: string },
  subTestId: string,
  name: keyof T & string,
): { person: TableColumnType<T>; school: TableColumnType<T> } {
  const school: TableColumnType<T> = { title: titles.school, dataIndex: 'school_name' };
  const person: TableColumnType<T> = isPhone
    ? {
        title: titles.person,
        key: name,
        render: (_, row) => <TwoLineCell main={String(row[name])} sub={row.school_name} subTestId={subTestId} />,
      }
    : { title: titles.person, dataIndex: name };
  return { person, school };
}
