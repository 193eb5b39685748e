// Signs in as each role in a real Chromium against the real server and checks what each person sees.
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CaseListResponse } from '../../shared/schemas/cases.js';
import { desktop, phone, screenshot } from './browser.js';
import { useE2E } from './harness.js';
import { demoPassword } from './server.js';

const e2e = useE2E();

async function newPage(options: BrowserContextOptions): Promise<Page> {
  return e2e.newPage({ ...options, locale: 'zh-CN', timezoneId: 'Europe/London' });
}

async function signIn(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** The page's own session asks the API, so the expectation is exactly what this user may see. */
function apiFromPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    return (await response.json()) as unknown;
  }, path) as Promise<T>;
}

/** Another person's view, straight from the API (bearer token), to compare with what a page shows. */
async function apiAs<T>(username: string, path: string): Promise<T> {
  const login = await fetch(`${e2e.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${e2e.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as T;
}

/** Waits for what the page shows to settle; a shared 2-core CI machine can be slow. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

/** "¥12,345.60" → 1234560 fen. */
function fenOf(text: string): number {
  return Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
}

describe('signing in to the PWA', () => {
  it('runs against the real server on the expected database', async () => {
    const health = (await (await fetch(`${e2e.server.url}/api/health`)).json()) as { status: string; db: string };
    expect(health).toMatchObject({ status: 'ok', db: e2e.server.db });
  });

  it('explains a wrong password and keeps the person on the sign-in page', async () => {
    const page = await newPage(phone);
    await page.goto('/');
    await eventually(() => page.evaluate(() => window.location.pathname)).toBe('/sign-in');
    await page.getByRole('heading', { name: '外访作业' }).waitFor();
    await screenshot(page, 'sign-in');

    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('请输入用户名。').waitFor();

    await page.getByLabel('用户名', { exact: true }).fill('collector1');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('用户名或密码错误');
    expect(text).toContain('Wrong username or password'); // the server's own message is shown too
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('not-the-password');
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('collector on a phone: sees their assigned cases, opens one with a masked id number', async () => {
    const page = await newPage(phone);
    await signIn(page, 'collector1');
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    const expected = await apiFromPage<CaseListResponse>(page, '/api/cases?limit=100');
    expect(expected.cases).toHaveLength(8);

    const cards = page.getByTestId('my-cases').getByRole('link');
    await eventually(() => cards.count()).toBe(8);
    const shownText = await page.getByTestId('my-cases').innerText();
    for (const item of expected.cases) expect(shownText).toContain(item.debtorName);
    expect(shownText).toContain('¥');
    expect(await page.getByText('共 8 件').count()).toBe(1);
    // One-handed use: every case card is a large touch target and nothing overflows the phone's width.
    const box = await cards.first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'collector-cases');

    // The last card: opening it from the bottom of the list must show the case from its top.
    const first = expected.cases.at(-1)!;
    await cards.filter({ hasText: first.debtorName }).first().click();
    await page.getByRole('heading', { name: first.debtorName, level: 1 }).waitFor();
    expect(page.url()).toContain(`/cases/${first.id}`);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const idNumber = await page.getByTestId('id-number').innerText();
    expect(idNumber).toBe(first.debtorIdNumberMasked);
    expect(idNumber).toMatch(/^\d{3}\*{4,}[\dX]{4}$/);
    await page.getByRole('heading', { name: '外访地址' }).waitFor();
    await page.getByRole('heading', { name: '欠款明细' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'collector-case');

    // Another collector's case is simply not found, and the page says so.
    const others = await apiAs<CaseListResponse>('dispatcher', '/api/cases?limit=100');
    const mine = new Set(expected.cases.map((c) => c.id));
    const other = others.cases.find((c) => !mine.has(c.id))!;
    await page.goto(`/cases/${other.id}`);
    const notFound = page.getByRole('alert');
    await notFound.waitFor();
    expect(await notFound.innerText()).toContain('找不到该记录');
    expect(await page.getByText(other.debtorName).count()).toBe(0);
    await screenshot(page, 'collector-case-not-found');
    await page.goBack();
    await page.getByRole('heading', { name: first.debtorName, level: 1 }).waitFor();

    // English is one tap away and is remembered on the device.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('ID number').first().waitFor();
    await page.reload();
    await page.getByText('Amounts owed').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'collector-case-en');

    // The session ends on the server (signed out elsewhere, revoked): the next request brings the person back to sign in.
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).then(() => undefined));
    await page.getByRole('link', { name: /Back to the case list/ }).click();
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    await eventually(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/cases');
    await screenshot(page, 'session-ended');
    await page.getByLabel('Username', { exact: true }).fill('collector1');
    await page.getByLabel('Password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
  });

  it('dispatcher on a desktop: sees the case table, sorts it, filters by bucket and pages', async () => {
    const page = await newPage(desktop);
    await signIn(page, 'dispatcher');
    // A dispatcher starts on the console; the case table is one link away.
    await page.getByRole('heading', { name: '调度台', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '案件', exact: true }).click();
    await page.getByRole('heading', { name: '案件', level: 1 }).waitFor();
    const rows = page.locator('table tbody tr');
    await eventually(() => rows.count()).toBe(50);
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('调度 周敏');
    await screenshot(page, 'dispatcher-cases', { fullPage: false });

    const amountHeader = page.getByRole('columnheader', { name: /欠款总额/ });
    const amounts = async () => (await page.locator('table tbody tr td:nth-child(3)').allInnerTexts()).map(fenOf);
    await amountHeader.getByRole('button').click();
    await eventually(() => amountHeader.getAttribute('aria-sort')).toBe('descending');
    await eventually(() => page.url()).toContain('sort=totalOutstanding');
    await eventually(async () => (await page.locator('table').getAttribute('aria-busy')) === 'false').toBe(true);
    const descending = await amounts();
    expect(descending).toHaveLength(50);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    await amountHeader.getByRole('button').click();
    await eventually(() => amountHeader.getAttribute('aria-sort')).toBe('ascending');
    await eventually(async () => (await page.locator('table').getAttribute('aria-busy')) === 'false').toBe(true);
    const ascending = await amounts();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBeLessThan(descending[0]!);

    await page.getByRole('checkbox', { name: 'M3+' }).check();
    await page.getByRole('button', { name: '应用筛选' }).click();
    await eventually(() => decodeURIComponent(page.url())).toContain('bucket=M3+');
    await eventually(async () => (await page.locator('table').getAttribute('aria-busy')) === 'false').toBe(true);
    const buckets = await page.locator('table tbody tr td:nth-child(5)').allInnerTexts();
    expect(buckets.length).toBeGreaterThan(0);
    expect(new Set(buckets)).toEqual(new Set(['M3+']));
    const expected = await apiFromPage<CaseListResponse>(page, '/api/cases?bucket=M3%2B&sort=totalOutstanding&order=asc&limit=50');
    expect(await page.locator('table tbody tr td:nth-child(1) a').allInnerTexts()).toEqual(expected.cases.map((c) => c.debtorName));
    await page.getByText('已启用 1 项筛选').waitFor();
    await screenshot(page, 'dispatcher-filtered', { fullPage: false });

    if (expected.nextCursor) {
      await page.getByRole('button', { name: /下一页/ }).click();
      await page.getByText(/第 2 页 · 本页/).waitFor();
      await eventually(async () => (await page.locator('table').getAttribute('aria-busy')) === 'false').toBe(true);
      const secondPage = await amounts();
      expect(secondPage[0]).toBeGreaterThanOrEqual(ascending.at(-1) ?? 0);
      await page.getByRole('button', { name: /上一页/ }).click();
      await page.getByText(/第 1 页/).waitFor();
    }

    // A collector's cases, by name from the directory; the bucket filter is cleared first.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await eventually(() => decodeURIComponent(page.url())).not.toContain('bucket=');
    await page.getByLabel('分配情况').selectOption({ label: '外访员1号' });
    await page.getByRole('button', { name: '应用筛选' }).click();
    await eventually(() => page.url()).toContain('assignedCollectorId=');
    await eventually(() => page.locator('table tbody tr').count()).toBe(8);
    expect(new Set(await page.locator('table tbody tr td:nth-child(9)').allInnerTexts())).toEqual(new Set(['外访员1号']));
    await screenshot(page, 'dispatcher-by-collector', { fullPage: false });
    await page.goBack();
    await eventually(() => page.url()).not.toContain('assignedCollectorId=');
    await page.goBack();
    await eventually(() => decodeURIComponent(page.url())).toContain('bucket=M3+');
    await eventually(async () => (await page.locator('table').getAttribute('aria-busy')) === 'false').toBe(true);

    const firstName = expected.cases[0]!.debtorName;
    await page.getByRole('link', { name: firstName, exact: true }).first().click();
    await page.getByRole('heading', { name: firstName, level: 1 }).waitFor();
    await page.getByTestId('id-number').waitFor();
    await screenshot(page, 'dispatcher-case');
    await page.getByRole('link', { name: /返回案件列表/ }).click();
    await eventually(() => decodeURIComponent(page.url())).toContain('bucket=M3+');

    // On a small laptop or tablet the table scrolls inside its card; the page itself never scrolls sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    await eventually(() => page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    // The filters fold away behind one button (showing how many are on) so the table stays in sight.
    expect(await page.getByLabel('搜索').isVisible()).toBe(false);
    const toggle = page.locator('form button[aria-expanded]');
    expect(await toggle.innerText()).toContain('1');
    await screenshot(page, 'dispatcher-1024', { fullPage: false });
    await toggle.click();
    await page.getByLabel('搜索').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'dispatcher-1024-filters', { fullPage: false });
  });

  it('dispatcher: imports a CSV file, sees the rejected rows, and the new cases appear in the table', async () => {
    const header =
      'creditor,external_id,product,debtor_name,debtor_id_number,principal,interest,fees,days_past_due,home_address,home_lat,home_lng';
    const csv = [
      header,
      'SJXF,E2E-0001,credit_card,导入测试甲,210102199001011234,100000,5000,1000,45,沈阳市和平区南京南街1号,41.79,123.40',
      'SJXF,E2E-0002,cash_loan,导入测试乙,210102199202021234,250000,0,0,95,沈阳市沈河区青年大街2号,41.80,123.44',
      'NOPE,E2E-0003,credit_card,导入测试丙,210102199303031234,1000,0,0,10,沈阳市皇姑区北陵大街3号,41.82,123.42',
      'SJXF,E2E-0004,credit_card,导入测试丁,210102199404041234,-5,0,0,10,沈阳市铁西区兴华街4号,41.78,123.35',
    ].join('\n');
    const page = await newPage(desktop);
    await signIn(page, 'dispatcher');
    await page.getByRole('heading', { name: '调度台', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '导入案件' }).click();
    await page.getByRole('heading', { name: '导入案件', level: 1 }).waitFor();

    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('alert').filter({ hasText: '请先选择要导入的文件。' }).waitFor();

    const file = { name: 'e2e-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') };
    await page.getByLabel('案件文件').setInputFiles(file);
    expect(await page.getByTestId('chosen-file').innerText()).toContain('e2e-cases.csv');
    await page.getByRole('button', { name: '开始导入' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    const tile = (label: string) => result.locator('dl > div').filter({ hasText: label }).locator('dd').innerText();
    expect(await tile('收到')).toBe('4');
    expect(await tile('新增')).toBe('2');
    expect(await tile('拒绝')).toBe('2');
    const rejected = await result.locator('tbody tr').allInnerTexts();
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toContain('E2E-0003');
    expect(rejected[0]).toContain('Unknown creditor');
    expect(rejected[1]).toContain('E2E-0004');
    await screenshot(page, 'dispatcher-import');

    // Importing the same file again creates nothing new.
    await page.getByRole('button', { name: '开始导入' }).click();
    await eventually(() => tile('未变化')).toBe('2');
    expect(await tile('新增')).toBe('0');

    await page.getByRole('link', { name: /查看案件列表/ }).click();
    await page.getByLabel('搜索').fill('导入测试');
    await page.getByRole('button', { name: '应用筛选' }).click();
    await eventually(() => page.locator('table tbody tr').count()).toBe(2);
    expect((await page.locator('table tbody tr td:nth-child(1) a').allInnerTexts()).sort()).toEqual(['导入测试乙', '导入测试甲']);
  });

  it('supervisor: sees the read-only case overview', async () => {
    const page = await newPage(desktop);
    await signIn(page, 'supervisor');
    // Supervisors start on the evidence review queue; the overview is one link away.
    await page.waitForURL('**/review');
    expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining(['证据复核', '案件概览']));
    await page.getByRole('navigation').getByRole('link', { name: '案件概览' }).click();
    await page.getByRole('heading', { name: '案件概览', level: 1 }).waitFor();
    await eventually(() => page.locator('table tbody tr').count()).toBe(50);
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('主管');
    await screenshot(page, 'supervisor-overview', { fullPage: false });

    // A slow answer shows a loading state; a lost connection says so and offers to try again.
    await page.route('**/api/cases?*', async (route) => {
      await new Promise((done) => setTimeout(done, 1_500));
      await route.fallback();
    });
    await page.reload();
    await page.getByRole('status').filter({ hasText: '正在加载' }).first().waitFor();
    await screenshot(page, 'supervisor-loading', { fullPage: false });
    await eventually(() => page.locator('table tbody tr').count()).toBe(50);
    await page.unrouteAll({ behavior: 'wait' });

    await page.context().setOffline(true);
    await page.getByRole('button', { name: /下一页/ }).click();
    const offline = page.getByRole('alert');
    await offline.waitFor();
    expect(await offline.innerText()).toContain('无法连接服务器');
    await screenshot(page, 'supervisor-offline', { fullPage: false });
    await page.context().setOffline(false);
    await offline.getByRole('button', { name: '重试' }).click();
    await page.getByText(/第 2 页 · 本页/).waitFor();
    await eventually(() => page.getByRole('alert').count()).toBe(0);
    // The new page is shown from its first row, below the sticky header.
    expect(await page.evaluate(() => document.querySelector('table')!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(56);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Case overview', level: 1 }).waitFor();
    expect(await page.getByRole('columnheader').allInnerTexts()).toContain('Escalated for');
    expect(await page.title()).toContain('Field visits');
    await screenshot(page, 'supervisor-overview-en', { fullPage: false });
  });

  it('admin: creates a user, disables it, and that user can no longer sign in', async () => {
    const page = await newPage(desktop);
    await signIn(page, 'admin');
    await page.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
    await page.locator('tr[data-username="collector12"]').waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(15);

    await page.getByRole('button', { name: /新建用户/ }).click();
    const form = page.getByRole('form', { name: '新建用户' });
    await form.getByLabel('用户名', { exact: true }).fill('Bad Name');
    await form.getByLabel('姓名', { exact: true }).fill('测试外访员');
    await form.getByLabel('角色', { exact: true }).selectOption('collector');
    await form.getByLabel('初始密码', { exact: true }).fill('secret-pass-1');
    await form.getByRole('button', { name: '创建用户' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.innerText()).toContain('lower-case letters'); // the server's reason, beside the field
    await screenshot(page, 'admin-create-user-error', { fullPage: false });

    await form.getByLabel('用户名', { exact: true }).fill('e2e.collector');
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.getByText('已创建用户「测试外访员」。').waitFor();
    const row = page.locator('tr[data-username="e2e.collector"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('正常');

    // The new user can sign in and sees an empty, explained case list.
    const newcomer = await newPage(phone);
    await signIn(newcomer, 'e2e.collector', 'secret-pass-1');
    await newcomer.getByText('目前没有分配给您的案件。').waitFor();
    await screenshot(newcomer, 'collector-no-cases');

    // Resetting the password ends the newcomer's session; the new password works, a too-short one is refused.
    await row.getByRole('button', { name: '为 测试外访员 重置密码' }).click();
    const newPassword = row.getByLabel('测试外访员 的新密码');
    await newPassword.fill('short');
    await row.getByRole('button', { name: '保存' }).click();
    await row.getByText('Use at least 8 characters').waitFor();
    await newPassword.fill('another-pass-2');
    await row.getByRole('button', { name: '保存' }).click();
    await page.getByText('已为「测试外访员」重置密码，其会话已全部结束。请通过安全渠道告知新密码。').waitFor();
    await screenshot(page, 'admin-password-reset', { fullPage: false });
    await newcomer.reload();
    await newcomer.getByLabel('用户名', { exact: true }).waitFor();
    await signIn(newcomer, 'e2e.collector', 'another-pass-2');
    await newcomer.getByText('目前没有分配给您的案件。').waitFor();

    await row.getByRole('button', { name: '停用 测试外访员' }).click();
    await row.getByRole('button', { name: '停用', exact: true }).click();
    await page.getByText('已停用「测试外访员」，其会话已全部结束。').waitFor();
    expect(await row.innerText()).toContain('已停用');
    await screenshot(page, 'admin-users', { fullPage: false });

    // Disabling ended the newcomer's session; signing in again is refused with a clear message.
    await newcomer.reload();
    await newcomer.getByLabel('用户名', { exact: true }).waitFor();
    await signIn(newcomer, 'e2e.collector', 'another-pass-2');
    await newcomer.getByRole('alert').waitFor();
    expect(await newcomer.getByRole('alert').innerText()).toContain('账号已停用');

    // Sign-out calls the API and ends the admin's session.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByText('您已退出登录。').waitFor();
    const me = await page.evaluate(() => fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => r.status));
    expect(me).toBe(401);
  });
});
