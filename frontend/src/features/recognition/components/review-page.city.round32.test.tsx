import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const cityMe = {
  id: 2, username: 'city_nc', full_name: '南昌市教育局', role: 'city' as const,
  school: null, school_name: null, training_base: null, training_base_name: null, city: 1, city_name: '南昌',
  teacher: null, teacher_name: null, must_change_password: false,
};
const application = (status: string) => ({
  id: 10, round: 1, round_code: 'JX2026-1', teacher: 10, teacher_name: '万燕', school: 1,
  school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [],
  status, eligibility: { level: 'junior', missing: [] }, history: [],
  votes: [], publicity_until: '2026-12-10', recognition: null, version: 3,
});

describe('a city user reading an application (read-only)', () => {
  it.each(['publicized', 'objected'])('offers no opinion box when the application is %s', async (status) => {
    db.me = { ...cityMe };
    markSignedIn(true);
    server.use(
      http.get(`${API}/recognition-applications/10/`, () => HttpResponse.json(application(status))),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    );
    renderApp('/recognition?application=10');
    expect(await screen.findByText('万燕 · JX2026-1')).toBeInTheDocument();
    expect(screen.queryByTestId('review-form')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});
