import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState } from '@/components/ui/query-state';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDate, formatLastDayHeld } from '@/lib/format';

import { useTeacherRecognitions } from '../api/get-teacher-recognitions';
import type { Qualification, Recognition } from '../types/teacher';
import { levelChecklist, scopeWords, type CheckItem, type LevelCheck } from './level-checklist';
import { expiryWarning, expiryWords, LEVEL_RANK } from './expiry-warning';
import { QualificationTag } from './qualification-tag';
import { RecognitionWords } from './recognition-words';

function Mark({ met }: { met: boolean }) {
  const { t } = useTranslation();
  return met ? (
    <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('teachers.met')} />
  ) : (
    <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label={t('teachers.notMet')} />
  );
}

function ItemLine({ item, nested = false }: { item: CheckItem; nested?: boolean }) {
  const { t } = useTranslation();
  // `changesOn` is the first day the outcome flips: for a met item the first day it no longer
  // is, so it shows the day before (its last day held, as the card's 当前等级保持至); for an
  // unmet one the first day it is met.
  const when =
    item.changesOn &&
    (item.met
      ? t('checklist.heldThrough', { date: formatLastDayHeld(item.changesOn) })
      : t('checklist.metOn', { date: formatDate(item.changesOn) }));
  return (
    <li style={{ listStyle: 'none', marginLeft: nested ? 20 : 0, marginBottom: 6 }}>
      <Space align="start" size={6}>
        <Mark met={item.met} />
        <div>
          <div>{item.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.have}
            {when ? ` · ${when}` : ''}
          </Typography.Text>
          {item.children && (
            <ul style={{ padding: 0, margin: '6px 0 0' }}>
              {item.children.map((c) => (
                <ItemLine key={c.key} item={c} nested />
              ))}
            </ul>
          )}
        </div>
      </Space>
    </li>
  );
}

function LevelCard({ check, current }: { check: LevelCheck; current: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={`checklist-${check.level}`}
      style={{ height: '100%', borderColor: current ? '#1f5fbf' : undefined }}
      title={
        <Space>
          <Mark met={check.met} />
          <span>{t(`checklist.${check.level}`)}</span>
          <Tag color={check.met ? 'success' : 'default'}>
            {t(check.met ? 'checklist.levelMet' : 'checklist.levelNotMet')}
          </Tag>
        </Space>
      }
    >
      <ul style={{ padding: 0, margin: 0 }}>
        {check.items.map((item) => (
          <ItemLine key={item.key} item={item} />
        ))}
      </ul>
      {check.summary && (
        <Typography.Paragraph type="danger" style={{ margin: '8px 0 0' }} data-testid="checklist-missing">
          {check.summary}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** A label stays whole; the words beside it wrap instead. */
const ONE_LINE_LABELS = { label: { whiteSpace: 'nowrap' } } as const;

/** The estimated level and, for each level, what is met and what is missing, in words; given
 * the `teacher`, the official recognition in force beside it (DESIGN §8: both side by side). */
export function QualificationCard({
  qualification,
  teacher,
}: {
  qualification: Qualification | null;
  teacher?: number;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const isPhone = useIsPhone();
  const official =
    teacher === undefined ? null : (
      <Descriptions.Item label={t('checklist.officialRecognition')} span="filled">
        <OfficialRecognition teacher={teacher} />
      </Descriptions.Item>
    );
  if (!qualification) {
    return (
      <Card title={t('teachers.qualification')} size="small">
        {official && (
          <Descriptions size="small" column={1} styles={ONE_LINE_LABELS}>
            {official}
          </Descriptions>
        )}
        <EmptyState description={t('teachers.noQualification')} />
      </Card>
    );
  }
  const checks = levelChecklist(qualification, t, label);
  const outOfScope = scopeWords(qualification, t, label);
  const warning = expiryWarning(qualification);
  return (
    <Card title={t('teachers.qualification')} size="small" data-testid="qualification-card">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} styles={ONE_LINE_LABELS} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('checklist.currentLevel')}>
          <Space wrap size={4}>
            <QualificationTag qualification={qualification} />
            {outOfScope && <Tag>{t('checklist.outOfScope', { why: outOfScope })}</Tag>}
          </Space>
        </Descriptions.Item>
        {/* Only a level that is held can be "valid until"; nothing is valid for 不符合条件. */}
        {qualification.qualified && qualification.valid_until && (
          <Descriptions.Item label={t('checklist.validUntil')}>
            <Space wrap size={8}>
              {formatLastDayHeld(qualification.valid_until)}
              {warning && warning.kind !== 'changes' && (
                <Typography.Text type="warning" data-testid="expiry-words">
                  <DateKeptWhole
                    text={expiryWords(warning, t, formatDate, (level) => label('qualificationLevel', level))}
                    date={formatDate(warning.date)}
                  />
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
        )}
        {official}
      </Descriptions>
      {/* Its own list, one row: beside the level its long words squeezed 测算等级's label
          onto two lines (round 45). On a phone the words go under the label, at full width. */}
      {qualification.recruitment && (
        <Descriptions
          size="small"
          column={1}
          layout={isPhone ? 'vertical' : 'horizontal'}
          styles={ONE_LINE_LABELS}
          style={{ marginBottom: 12 }}
        >
          <Descriptions.Item label={t('checklist.recruitment')}>
            <RecruitmentWords recruitment={qualification.recruitment} />
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('checklist.heading')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {checks.map((check) => (
          <Col key={check.level} xs={24} lg={8}>
            <LevelCard check={check} current={check.level === qualification.level} />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('checklist.notice')} {t('teachers.practiceHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

/** A recognition's level as LEVEL_RANK orders it (an unknown one lowest). */
const rank = (level: string) => (LEVEL_RANK as Record<string, number>)[level] ?? 0;

/** The recognition that counts: the highest level in force, the latest to end among equals. */
function recognitionInForce(rows: Recognition[]): Recognition | undefined {
  return [...rows].sort(
    (a, b) =>
      rank(b.level) - rank(a.level) || b.valid_until.localeCompare(a.valid_until),
  )[0];
}

/** The teacher's official recognition (认定) in force: its level, until when, its certificate. */
function OfficialRecognition({ teacher }: { teacher: number }) {
  const { t } = useTranslation();
  const recognitions = useTeacherRecognitions(teacher);
  if (recognitions.isPending) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (recognitions.isError) return <span>—</span>;
  const held = recognitionInForce(recognitions.data.results);
  return (
    <RecognitionWords
      level={held?.level}
      validUntil={held?.valid_until}
      certificate={held && { id: held.id, no: held.certificate_no }}
    />
  );
}

/** Whether a new hire met DESIGN §4's recruitment conditions, and if not what they are. */
function RecruitmentWords({ recruitment }: { recruitment: NonNullable<Qualification['recruitment']> }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const days = recruitment.enterprise_days;
  const words = t(recruitment.compliant ? 'checklist.recruitmentMetWords' : 'checklist.recruitmentNotMetWords', {
    since: formatDate(recruitment.since),
    years: days % 365 === 0 ? days / 365 : (days / 365).toFixed(1),
    education: label('education', recruitment.min_education),
  });
  return (
    <div data-testid="recruitment-check">
      <Tag color={recruitment.compliant ? 'success' : 'error'}>
        {t(recruitment.compliant ? 'checklist.recruitmentMet' : 'checklist.recruitmentNotMet')}
      </Tag>
      <Typography.Text type={recruitment.compliant ? 'secondary' : 'danger'}>{words}</Typography.Text>
    </div>
  );
}

/** ``text`` with its ``date`` on one line: on a phone "2028-05-26" broke at a hyphen. */
function DateKeptWhole({ text, date }: { text: string; date: string }) {
  const at = text.indexOf(date);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span style={{ whiteSpace: 'nowrap' }}>{date}</span>
      {text.slice(at + date.length)}
    </>
  );
}
