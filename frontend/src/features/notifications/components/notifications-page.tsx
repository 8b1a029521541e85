import { App, Button, Card, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { ActionCard } from '@/components/ui/action-card';
import { ItemList } from '@/components/ui/item-list';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';
import { oneOf, useListParams } from '@/lib/list-params';

import { useMe } from '@/lib/auth';

import { useNotifications } from '../api/get-notifications';
import { useMarkAllRead, useMarkRead } from '../api/mark-read';
import { usePreferences, useSetPreferences } from '../api/preferences';
import type { Notification, PreferencesChange } from '../types/notification';
import { AlertSettingsCard } from './alert-settings-card';

const PAGE_SIZE = 20;
/** Kept in the address: `?show=all&page=2`; the unread ones (the default) leave `show` out. */
const LIST_KEYS = ['show'] as const;

/** The user's own alerts, newest first; opening one marks it read and goes where to act. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const province = useMe().data?.role === 'province';
  const { values, page, set, setPage } = useListParams(LIST_KEYS);
  const show = oneOf(values.show, ['all'] as const) ?? 'unread';
  const list = useNotifications({ unread: show === 'unread' ? true : undefined, page, page_size: PAGE_SIZE });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const open = async (item: Notification) => {
    try {
      if (!item.read_at) await markRead.mutateAsync(item.id);
    } catch (error) {
      void message.error(errorText(error));
      return;
    }
    // A finished import's notice links to its API record (/api/v1/imports/…/), which is no
    // page of the app: its result is on "my jobs".
    if (item.link) navigate(item.link.startsWith('/api/') ? paths.jobs : item.link);
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ActionCard
        title={t('notifications.title')}
        toolbar={
          <Space wrap>
            <Segmented
              value={show}
              onChange={(value) => set({ show: value === 'all' ? 'all' : undefined })}
              options={[
                { value: 'unread', label: t('notifications.unread') },
                { value: 'all', label: t('notifications.all') },
              ]}
            />
            <Button
              data-testid="read-all"
              loading={markAll.isPending}
              onClick={() => markAll.mutate(undefined, { onError: (e) => void message.error(errorText(e)) })}
            >
              {t('notifications.readAll')}
            </Button>
          </Space>
        }
      >
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ItemList<Notification>
            loading={list.isPending}
            items={list.data?.results ?? []}
            rowKey={(item) => item.id}
            // None unread is not "no messages": it says which.
            emptyText={<EmptyState description={t(show === 'unread' ? 'notifications.noneUnread' : 'notifications.none')} />}
            pagination={
              (list.data?.count ?? 0) > PAGE_SIZE
                ? {
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: list.data?.count ?? 0,
                    onChange: setPage,
                    showTotal: (count) => t('common.total', { count }),
                  }
                : false
            }
            renderItem={(item) => {
              // New as the bell counts it: a resolved alert waits no more, read or not.
              const fresh = !item.read_at && !item.resolved_at;
              return {
                'data-testid': 'notification',
                // Opening it marks it read and goes to its link: a row with neither to do is not a button.
                onClick: item.link || !item.read_at ? () => void open(item) : undefined,
                extra: <Typography.Text type="secondary">{formatDate(item.due_on)}</Typography.Text>,
                title: (
                  <Space wrap>
                    {fresh && <Tag color="blue">{t('notifications.new')}</Tag>}
                    <Tag>{t(`notifications.kinds.${item.kind}`)}</Tag>
                    {item.resolved_at && <Tag color="green">{t('notifications.resolved')}</Tag>}
                    <span style={{ fontWeight: fresh ? 600 : 400 }}>{item.title}</span>
                  </Space>
                ),
                description: item.body,
              };
            }}
          />
        )}
      </ActionCard>
      <EmailCard />
      {province && <AlertSettingsCard />}
    </Space>
  );
}

function EmailCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = usePreferences();
  const setPrefs = useSetPreferences();
  const save = (change: PreferencesChange) =>
    setPrefs.mutate(change, {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (e) => void message.error(errorText(e)),
    });
  // Without an address nothing is sent, whatever the stored choice: the switch reads off and
  // cannot be turned on (the API refuses it), and says what to do.
  // (An answer without the field, from a proxy or an older server, reads as no address.)
  const noAddress = prefs.data !== undefined && !(prefs.data.email as string | undefined)?.trim();
  return (
    <Card title={t('notifications.email.title')} size="small">
      <Space orientation="vertical" size="middle">
        <Space>
          <Switch
            data-testid="email-switch"
            checked={prefs.data?.email_active ?? false}
            disabled={noAddress}
            aria-describedby="email-switch-hint"
            loading={prefs.isPending || setPrefs.isPending}
            onChange={(checked) => save({ email_enabled: checked })}
          />
          {prefs.data && (
            <Typography.Text id="email-switch-hint" type={noAddress ? 'warning' : undefined}>
              {noAddress
                ? t('notifications.email.noAddress')
                : t('notifications.email.to', { email: prefs.data.email })}
            </Typography.Text>
          )}
        </Space>
        {/* The e-mail's own language: the screen's switch lives in this browser only. */}
        <Space wrap>
          <Typography.Text>{t('notifications.email.language')}</Typography.Text>
          <Segmented
            size="small"
            data-testid="digest-language"
            aria-label={t('notifications.email.language')}
            disabled={prefs.isPending || setPrefs.isPending}
            value={prefs.data?.language === 'en' ? 'en' : 'zh-hans'}
            onChange={(value) => save({ language: value as PreferencesChange['language'] })}
            options={[
              { value: 'zh-hans', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Space>
      </Space>
    </Card>
  );
}
