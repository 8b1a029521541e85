import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

describe('teacher detail', () => {
  it('shows basic info, the level checklist in words, certificates and enterprise periods', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    expect(await screen.findByText('基本信息')).toBeInTheDocument();
    expect(screen.getByText('T0001')).toBeInTheDocument();
    // 专业大类 by code and name (2021 catalogue).
    expect(screen.getAllByText('46 装备制造').length).toBeGreaterThan(0);
    // The 测算结果 as a checklist in words: no rule codes, no raw values.
    const card = screen.getByTestId('qualification-card');
    expect(within(card).getByText('测算结果')).toBeInTheDocument();
    expect(within(screen.getByTestId('checklist-junior')).getByTestId('checklist-missing')).toHaveTextContent('缺：教师资格证');
    expect(within(card).getAllByText('持有：三级/高级工').length).toBeGreaterThan(0);
    expect(within(card).getAllByText(/已有 200 天 · 有效至 2027-02-28/).length).toBeGreaterThan(0);
    expect(card).not.toHaveTextContent(/E_PRACTICE|E_SKILL|SCOPE|full_time/);
    // 不符合条件: nothing is "valid until".
    expect(within(card).queryByText('当前等级保持至')).not.toBeInTheDocument();
    // Certificates, one expiring soon; an ongoing-free practice period.
    const certificates = (await screen.findByText('钳工')).closest('tr') as HTMLElement;
    expect(within(certificates).getByText(/天后到期/)).toBeInTheDocument();
    expect(await screen.findByText('江铃汽车')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /添加证书/ })).toBeInTheDocument();
    // No account yet: HR can open one for the teacher.
    expect(await screen.findByTestId('create-account')).toHaveTextContent('为该教师开通账号');
  });

  it('names the field category in English, on the basic info and in the certificate table, and follows the switch', async () => {
    await i18n.changeLanguage('en');
    try {
      loginAs('hr_a');
      renderApp('/teachers/1');
      expect(await screen.findByText('Basic information')).toBeInTheDocument();
      const row = (await screen.findByText('钳工')).closest('tr') as HTMLElement;
      // On one line: on a phone the table scrolls rather than break the name or a date.
      expect(within(row).getByText('46 Equipment Manufacturing').closest('td')).toHaveStyle({ whiteSpace: 'nowrap' });
      // The same label for the teacher's category and each certificate's, with no Chinese gloss.
      expect(screen.getAllByText('Field category').length).toBeGreaterThanOrEqual(2);
      expect(document.body).not.toHaveTextContent(/专业大类|专业类别|装备制造/);
      // The category's name follows the switch back to Chinese on the same screen.
      await i18n.changeLanguage('zh-CN');
      expect((await screen.findAllByText('46 装备制造')).length).toBeGreaterThanOrEqual(2);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('shows a certificate\'s name and expiry first on a phone, its category and level under the name', async () => {
    phoneScreen();
    loginAs('hr_a');
    renderApp('/teachers/1?certificate=2');
    const card = (await screen.findAllByTestId('certificate-kind'))[0].closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 2)).toEqual(['证书名称', '有效期至']);
    expect(headers).not.toContain('证书类别');
    expect(headers).not.toContain('等级/类型');
    const row = card.querySelector('tr[data-row-key="2"]') as HTMLTableRowElement;
    expect(row.cells[0]).toHaveTextContent(/^钳工提醒所指的证书/);
    expect(within(row).getByTestId('certificate-kind')).toHaveTextContent('职业技能等级证书 · 三级/高级工');
    expect(row.cells[1]).toHaveTextContent(/天后到期/);
  });

  it('keeps the certificates\' category, level and name first on a desktop', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    const card = (await screen.findByText('钳工')).closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 3)).toEqual(['证书类别', '等级/类型', '证书名称']);
    expect(headers.at(-2)).toBe('有效期至');
    expect(within(card).queryByTestId('certificate-kind')).not.toBeInTheDocument();
  });

  it('shows a period\'s enterprise and days first on a phone, its kind and post under the enterprise', async () => {
    phoneScreen();
    loginAs('hr_a');
    renderApp('/teachers/1');
    const row = (await screen.findByText('江铃汽车')).closest('tr') as HTMLTableRowElement;
    const card = row.closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 2)).toEqual(['企业', '天数']);
    expect(headers).not.toContain('类型');
    expect(headers).not.toContain('岗位');
    expect(within(row).getByTestId('period-kind')).toHaveTextContent('企业实践 · 技术员');
    expect(row.cells[1]).toHaveTextContent('184');
  });

  it('keeps the periods\' kind, enterprise and post first on a desktop', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    const card = (await screen.findByText('江铃汽车')).closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 3)).toEqual(['类型', '企业', '岗位']);
    expect(within(card).queryByTestId('period-kind')).not.toBeInTheDocument();
  });

  it('says why a certificate or a period was not deleted (no silent failure)', async () => {
    const refusal = (detail: string) => () => HttpResponse.json({ detail }, { status: 409 });
    server.use(
      http.delete('/api/v1/certificates/:id/', refusal('证书已被认定申请引用')),
      http.delete('/api/v1/enterprise-periods/:id/', refusal('经历已被认定申请引用')),
    );
    loginAs('hr_a');
    renderApp('/teachers/1');
    const confirmDelete = async (row: HTMLElement) => {
      fireEvent.click(within(row).getByRole('button', { name: '删除' }));
      const pop = await screen.findByRole('tooltip');
      fireEvent.click(within(pop).getByRole('button', { name: /确\s*定|OK/ }));
    };
    await confirmDelete((await screen.findByText('钳工')).closest('tr') as HTMLElement);
    expect(await screen.findByText('证书已被认定申请引用')).toBeInTheDocument();
    await confirmDelete((await screen.findByText('江铃汽车')).closest('tr') as HTMLElement);
    expect(await screen.findByText('经历已被认定申请引用')).toBeInTheDocument();
  });

  it('is read-only for a city official', async () => {
    loginAs('city_nc');
    renderApp('/teachers/1');
    expect(await screen.findByText('基本信息')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /添加证书/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '编 辑' })).not.toBeInTheDocument();
  });

  it('shows a masked reader the birth year only', async () => {
    loginAs('city_nc');
    const teacher = db.teachers.find((t) => t.id === 1);
    server.use(
      http.get('/api/v1/teachers/1/', () =>
        HttpResponse.json({
          ...teacher,
          id_number: '3601************34',
          birth_date: null,
          birth_year: 1985,
        }),
      ),
    );
    renderApp('/teachers/1');
    expect(await screen.findByText('3601************34')).toBeInTheDocument();
    expect(screen.getByText('1985')).toBeInTheDocument();
    expect(screen.queryByText('1985-06-15')).not.toBeInTheDocument();
  });
  it('saves an edited period with its version and, on a 409, loads the row as it is now', async () => {
    loginAs('hr_a');
    const sent: Array<Record<string, unknown>> = [];
    server.use(
      http.patch('/api/v1/enterprise-periods/1/', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        const now = { ...db.periods[0], enterprise: '江铃汽车集团', version: 2 };
        if (body.version === 1) return HttpResponse.json({ detail: 'conflict', current: now }, { status: 409 });
        return HttpResponse.json({ ...now, ...body, version: 3 });
      }),
    );
    renderApp('/teachers/1');
    const row = (await screen.findByText('江铃汽车')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText(/其他人已修改了这条记录/)).toBeInTheDocument();
    expect(within(dialog).getByDisplayValue('江铃汽车集团')).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0]).toMatchObject({ version: 1, teacher: 1 });
    expect(sent[1]).toMatchObject({ version: 2, teacher: 1, enterprise: '江铃汽车集团' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
