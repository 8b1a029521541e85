import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const expert = {
  id: 9, username: 'expert_a', full_name: '张教授', role: 'expert' as const,
  school: 2, school_name: '九江职业技术学院', training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
};

function serveRecognition() {
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-applications/publicity/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/`, () => HttpResponse.json({ detail: '您没有执行该操作的权限。' }, { status: 403 })),
  );
}

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('the header names the page the route shows (round 33)', () => {
  it('calls the rounds page 认定批次 for an expert who opens it by its address on a phone', async () => {
    phoneScreen();
    serveRecognition();
    db.me = expert;
    markSignedIn(true);
    const { router } = renderApp('/recognition/rounds');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('认定批次'));
    expect(screen.getByTestId('page-title')).not.toHaveTextContent('认定审核');
    expect(document.title).toBe('认定批次 · 双师型教师管理系统');
    // The review page next to it keeps its own name.
    await router.navigate('/recognition');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('认定审核'));
    await router.navigate('/recognition/publicity');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('认定公示'));
  });

  it('names pages outside the menu by what they are, in English too', async () => {
    serveRecognition();
    loginAs('hr_a');
    const { router } = renderApp('/teachers/new');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('新增教师'));
    await i18n.changeLanguage('en');
    await router.navigate('/recognition/rounds');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('Recognition rounds'));
    await router.navigate('/jobs');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('My jobs'));
  });
});
