// Drives the dashboard in Debian's Chromium, headless, against a real `seminarflow serve` that
// holds the demo (run_dashboard.py starts it): sign in, the board, the demo seminar's stages and
// timeline, a transition sent and seen in the timeline, a refusal's reason shown, the workflow
// diagram, a contest's roll, the deliveries, English, and a phone's width. Screenshots go to
// SHOTS as it goes.
// Usage: node dashboard.mjs BASE_URL TOKEN SHOTS_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const [base, token, shots] = process.argv.slice(2);
if (!base || !token || !shots) throw new Error('usage: node dashboard.mjs BASE_URL TOKEN SHOTS_DIR');
mkdirSync(shots, { recursive: true });
const TIMEOUT = 20_000;
const SEMINAR = /Đổi mới công tác cán bộ/;

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const errors = [];
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  // The refusal this test provokes is logged by Chromium as a failed load: that one is expected.
  const expected = /status of 422/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

  // Sign in.
  await page.goto(`${base}/`);
  await page.getByLabel('Mã truy cập (API token)').fill(token);
  await shot('01-sign-in');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  // The board: the demo seminar among the seminars.
  const seminar_lane = page.locator('section.lane', { has: page.locator('#lane-seminar') });
  await seminar_lane.getByRole('link', { name: SEMINAR }).waitFor();
  check(true, 'the board shows the demo seminar');
  check(!(await page.content()).includes(token), 'the page never shows the token');
  check(await page.evaluate(() => sessionStorage.length === 1), 'the token is kept in the session');
  await shot('02-board');

  // The demo event: stages and timeline, in Vietnamese.
  await seminar_lane.getByRole('link', { name: SEMINAR }).click();
  await page.getByRole('heading', { level: 1, name: SEMINAR }).waitFor();
  const current = await page.locator('ol.stages li.current').textContent();
  check(current === 'concluded', `the seminar's current stage is highlighted (${current})`);
  await page.getByRole('heading', { name: 'Diễn biến' }).waitFor();
  const entries = await page.locator('ol.timeline > li').count();
  check(entries >= 5, `the seminar's timeline shows its history (${entries} entries)`);
  check((await page.locator('ol.timeline time').first().textContent()).includes('GMT+7'),
        'times are shown in the event\'s time zone');
  await page.getByRole('heading', { name: 'Tham luận theo đơn vị' }).waitFor();
  await page.getByRole('heading', { name: 'Chỉ đạo thực hiện' }).waitFor();
  check((await page.locator('.figures .budget').textContent()).includes('55.000.000'), 'the rewards\' budget used is shown');
  await shot('03-event');

  // A directive the timers made overdue: report on it, and see the timeline take it.
  const overdue = page.locator('section', { has: page.locator('#s-directives') })
    .locator('tbody tr', { has: page.locator('.badge', { hasText: /^overdue$/ }) }).first();
  await overdue.getByRole('link').click();
  const report = page.getByRole('button', { name: 'report → reported' });
  await report.waitFor();
  const before = await page.locator('ol.timeline > li').first().getAttribute('data-seq');
  await report.click();
  await page.getByRole('textbox', { name: 'report' }).fill('Đã tổ chức hội nghị cán bộ, ban hành quy chế (dashboard test)');
  await shot('04-directive-form');
  await page.getByRole('button', { name: 'Gửi' }).click();
  await page.locator(`ol.timeline > li[data-seq="${Number(before) + 1}"]`).waitFor();
  check((await page.locator('ol.timeline > li strong').first().textContent()) === 'report',
        'the timeline shows the report just sent, first');
  check((await page.locator('.event-header .badge').textContent()) === 'reported', 'the directive is now reported');
  await shot('05-directive-reported');

  // The programme cannot close while its seminar is only concluded: the refusal's reason is shown.
  await page.getByRole('link', { name: 'Bảng sự kiện' }).click();
  await page.locator('section.lane', { has: page.locator('#lane-programme') }).getByRole('link').first().click();
  await page.getByRole('button', { name: 'close → closed' }).click();
  await page.getByRole('textbox', { name: 'summary' }).fill('Tổng kết năm');
  await page.getByRole('button', { name: 'Gửi' }).click();
  const refusal = page.locator('.event-form [role=alert]');
  await refusal.filter({ hasText: /./ }).waitFor();
  check((await refusal.textContent()).length > 10, `a refusal shows its detail (${await refusal.textContent()})`);
  await shot('06-refused');

  // The workflow drawn, the programme's state highlighted.
  await page.getByRole('link', { name: 'Sơ đồ quy trình' }).click();
  await page.locator('svg g.node.current').waitFor();
  check((await page.locator('svg g.node.current').getAttribute('data-state')) === 'summarising',
        'the diagram highlights the programme\'s state');
  check(await page.locator('svg g.edge').count() >= 3, 'the diagram draws the transitions');
  await shot('07-workflow');

  // A contest driven through the API: its roll, with each region's places, on its page.
  const api = async (route, body) => {
    const response = await fetch(`${base}${route}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const contest = (await api('/v1/instances', { workflow: 'contest', data: { title: 'Hội thi cán bộ công đoàn giỏi (dashboard test)' } })).instance.id;
  const send = (type, payload = {}) => api(`/v1/instances/${encodeURIComponent(contest)}/events`, { type, payload });
  await send('open_registration', { organiser_unit: 'Công đoàn TKV', registration_closes_at: '2030-01-01T00:00:00Z',
    budget_vnd: 0, advance_per_region: 1 });
  await send('register', { contestant: 'Nguyễn Thị Lan', unit: 'Công đoàn Than Hà Tu', region: 'Vùng Hạ Long' });
  await send('register', { contestant: 'Trần Văn Đức', unit: 'Công đoàn Than Hà Lầm', region: 'Vùng Hạ Long' });
  await send('close_registration');
  await send('record_score', { contestant: 1, juror: 'Nguyễn Xuân Hán', score: 88 });
  await send('record_score', { contestant: 2, juror: 'Nguyễn Xuân Hán', score: 91.5 });
  await send('close_round', { region: 'Vùng Hạ Long' });
  await page.goto(`${base}/#/events/${encodeURIComponent(contest)}`);
  const roll = page.locator('section', { has: page.locator('#s-contestants') });
  await roll.locator('tbody tr').nth(1).waitFor();
  const rows = await roll.locator('tbody tr').allTextContents();
  check(rows.length === 2 && rows[0].startsWith('#1Nguyễn Thị Lan') && rows[0].endsWith('2') &&
        rows[1].endsWith('1 · vào chung kết'), `a contest shows its contestants and their places (${rows.join(' | ')})`);
  const counted = await page.locator('.figures').textContent();
  check(counted.includes('Thí sinh đăng ký: 2') && counted.includes('Vùng đã thi xong: 1/1 · Vào chung kết: 1'),
        `a contest's figures count its contestants and rounds (${counted})`);
  await shot('08-contest');

  // Deliveries, then English.
  await page.getByRole('link', { name: 'Gửi thông báo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gửi thông báo' }).waitFor();
  await shot('09-deliveries');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Deliveries' }).waitFor();
  check(true, 'the page switches to English');
  await page.getByRole('link', { name: 'Board' }).click();
  await page.getByRole('heading', { level: 2, name: /Seminars/ }).waitFor();

  // A phone's width: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the board fits a phone's width (overflow ${overflow}px)`);
  await shot('10-phone');

  // Keyboard: the sign-out button is reachable and works.
  await page.getByRole('button', { name: 'Sign out' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('API token').waitFor();
  check(await page.evaluate(() => sessionStorage.length === 0), 'signing out forgets the token');
  check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
} catch (failure) {
  if (page) await page.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(errors.join('\n'));
  throw failure;
} finally {
  await browser.close();
}
