import { Card, Col, Row, Skeleton, Statistic, Table, Typography, type TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { enums } from '@/config/enums';
import { useIsPhone } from '@/lib/breakpoints';

import { useMentorCounts } from '../api/get-mentor-counts';
import type { MentorCounts } from '../types/mentor';

type Column = TableColumnType<MentorCounts>;

/** Mentors in force today by mode, and those on the part-time track (never in the ratio). */
export function CountsCard({ perSchool }: { perSchool: boolean }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const label = useEnumLabel();
  const counts = useMentorCounts();
  const modes = enums.appointmentMode;

  const body = () => {
    if (counts.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
    if (counts.isError) return <ErrorState error={counts.error} onRetry={() => void counts.refetch()} />;
    if (!counts.data.length) return <EmptyState />;
    if (!perSchool) {
      const row = counts.data[0];
      return (
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic title={t('mentors.counts.mentors')} value={row.mentors} />
          </Col>
          {modes.map((mode) => (
            <Col xs={12} md={4} key={mode}>
              <Statistic title={label('appointmentMode', mode)} value={row.by_mode[mode] ?? 0} />
            </Col>
          ))}
          <Col xs={12} md={6}>
            <Statistic title={t('mentors.counts.partTimeTrack')} value={row.part_time_track} />
          </Col>
        </Row>
      );
    }
    const modeCounts = (row: MentorCounts) =>
      modes.map((mode) => `${label('appointmentMode', mode)} ${row.by_mode[mode] ?? 0}`).join(' · ');
    const school: Column = {
      title: t('mentors.fields.school'),
      key: 'school',
      // On a phone the counts by mode go under the school's name: the row fits the screen.
      render: (_, row) =>
        <TwoLineCell main={row.school.name} sub={isPhone && modeCounts(row)} subTestId="counts-by-mode" />,
    };
    const mentors: Column = {
      title: t('mentors.counts.mentors'),
      dataIndex: 'mentors',
      align: 'right',
      sorter: (a, b) => a.mentors - b.mentors,
    };
    const byMode: Column[] = modes.map((mode) => ({
      title: label('appointmentMode', mode),
      key: mode,
      align: 'right',
      render: (_, row) => row.by_mode[mode] ?? 0,
    }));
    const partTimeTrack: Column = {
      // On a phone a short title (the help below the table says it in full).
      title: isPhone ? t('mentors.counts.partTimeTrackBrief') : t('mentors.counts.partTimeTrack'),
      dataIndex: 'part_time_track',
      align: 'right',
    };
    return (
      <Table<MentorCounts>
        rowKey={(row) => row.school.id}
        size="small"
        dataSource={counts.data}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={isPhone ? undefined : { x: 560 }}
        columns={isPhone ? [school, mentors, partTimeTrack] : [school, mentors, ...byMode, partTimeTrack]}
      />
    );
  };

  return (
    <Card title={t('mentors.counts.title')}>
      {body()}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('mentors.counts.help')}
      </Typography.Paragraph>
    </Card>
  );
}
