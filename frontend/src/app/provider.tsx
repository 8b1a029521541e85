import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { setUnauthenticatedHandler } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';
import { useIsPhone } from '@/lib/breakpoints';
import { usePrefersReducedMotion } from '@/lib/motion';
import { normaliseLanguage } from '@/lib/i18n';
import { makeQueryClient } from '@/lib/query-client';

/** The app's tokens. On a phone a small control (a card's 申报 button, the small pager's pages)
 * is 32 px high, not 24, and a checkbox 24 px, not 16: a finger's target, as in the best
 * Chinese mobile admin apps. */
export function phoneTheme(isPhone: boolean) {
  return { colorPrimary: '#1f5fbf', ...(isPhone ? { controlHeightSM: 32, controlInteractiveSize: 24 } : {}) };
}

/** On a phone a table's selection column is 44 px wide (a finger's width, Apple's and
 * Material's minimum target). */
export function phoneComponents(isPhone: boolean) {
  return isPhone ? { Table: { selectionColumnWidth: 44 } } : undefined;
}

/** A tap anywhere in a selection cell (the row's full height, the column's width) reaches its
 * checkbox: the checkbox's label reaches over the whole cell. */
const SELECTION_CELL_CSS =
  '.ant-table-selection-column{position:relative}' +
  '.ant-table-selection-column .ant-checkbox-wrapper::after{content:"";position:absolute;inset:0;width:auto}';

function LocaleProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
  const isPhone = useIsPhone();
  const reducedMotion = usePrefersReducedMotion();
  useEffect(() => {
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{
        token: { ...phoneTheme(isPhone), ...(reducedMotion ? { motion: false } : {}) },
        components: phoneComponents(isPhone),
      }}
      // antd's own words for an empty required field, "请输入${label}" / "Please enter ${label}",
      // asked a select or a date to be typed and read "Please enter Issued on" in English.
      form={{ validateMessages: { required: t('common.requiredField') } }}
      // antd offers "20 条/页" on any table of more than 50 rows; the lists fetch their own pages
      // of a fixed size, so the choice changed nothing. A list that takes a page size (the
      // teachers) offers it itself.
      pagination={{ showSizeChanger: false }}
    >
      <style href="shuangshi-selection-cell" precedence="default">
        {SELECTION_CELL_CSS}
      </style>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProvider({
  children,
  queryClient: given,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => given ?? makeQueryClient());
  const { i18n } = useTranslation();
  useEffect(() => {
    // A 401 anywhere: forget the user; the layout sends them to /login (and back after).
    setUnauthenticatedHandler(() => queryClient.setQueryData(meQueryKey, null));
  }, [queryClient]);
  useEffect(() => {
    // The server words some of what it sends (labels, reasons) in the language asked for:
    // after a switch, ask again (not who is logged in: that is no one's words).
    const refetch = () => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    i18n.on('languageChanged', refetch);
    return () => i18n.off('languageChanged', refetch);
  }, [queryClient, i18n]);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>{children}</LocaleProvider>
    </QueryClientProvider>
  );
}
