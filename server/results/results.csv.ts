// Team results as CSV for Excel: a UTF-8 byte-order mark (without it Excel in China reads the
// file as GBK and garbles every Chinese name), a header row, one line per row, then the totals.
import { bucketEnd } from '../../shared/periods.js';
import type { ResultFigures, ResultsResponse } from '../../shared/schemas/results.js';

type Language = 'zh-CN' | 'en';

const headers: Record<Language, readonly string[]> = {
  'zh-CN': [
    '开始日期',
    '结束日期',
    '团队',
    '外访员',
    '计划外访',
    '完成外访',
    '接触数',
    '接触率(%)',
    '承诺数',
    '承诺率(%)',
    '到期承诺',
    '已兑现承诺',
    '兑现率(%)',
    '承诺金额(元)',
    '回收金额(元)',
    '在案余额(元)',
    '回收率(%)',
    '证据通过',
    '证据驳回',
    '异常外访',
    '平均在场(分钟)',
    '每站路程时间(分钟)',
    '每站路程(公里)',
  ],
  en: [
    'From',
    'To',
    'Team',
    'Collector',
    'Visits planned',
    'Visits done',
    'Contacts',
    'Contact rate (%)',
    'Promises',
    'Promise rate (%)',
    'Promises due',
    'Promises kept',
    'Kept rate (%)',
    'Amount promised (CNY)',
    'Amount recovered (CNY)',
    'Outstanding (CNY)',
    'Recovery rate (%)',
    'Evidence accepted',
    'Evidence rejected',
    'Anomalies',
    'Average time on site (min)',
    'Travel per stop (min)',
    'Distance per stop (km)',
  ],
};

const words: Record<Language, { total: string; noTeam: string }> = {
  'zh-CN': { total: '合计', noTeam: '未分组' },
  en: { total: 'Total', noTeam: 'No team' },
};

/** Fen as yuan with two decimals, in integer arithmetic (no float rounding). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const percent = (ratio: number | null) => (ratio === null ? '' : (ratio * 100).toFixed(1));
const fixed = (value: number | null, divisor: number, digits: number) => (value === null ? '' : (value / divisor).toFixed(digits));
const whole = (value: number | null) => (value === null ? '' : String(value));

/** Quotes a field when it must be, and defuses text a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function figureFields(f: ResultFigures): string[] {
  return [
    whole(f.planned),
    whole(f.done),
    whole(f.contacts),
    percent(f.contactRate),
    whole(f.promises),
    percent(f.promiseRate),
    whole(f.promisesDue),
    whole(f.promisesKept),
    percent(f.keptRate),
    yuan(f.amountPromised),
    yuan(f.amountRecovered),
    yuan(f.outstanding),
    percent(f.recoveryRate),
    whole(f.evidenceAccepted),
    whole(f.evidenceRejected),
    whole(f.anomalies),
    fixed(f.avgOnSiteSeconds, 60, 1),
    fixed(f.travelSecondsPerStop, 60, 1),
    fixed(f.travelMetresPerStop, 1000, 2),
  ];
}

export function resultsCsv(results: ResultsResponse, language: Language): string {
  const w = words[language];
  const lines = [headers[language].map(csvField).join(',')];
  for (const row of results.rows) {
    // A bucket cut by the range reports only the days inside it.
    const start = row.bucket < results.from ? results.from : row.bucket;
    const team = row.teamName ?? w.noTeam;
    const collector = row.collectorName ?? '';
    lines.push([start, bucketEnd(row.bucket, results.period, results.to), team, collector, ...figureFields(row)].map(csvField).join(','));
  }
  lines.push([results.from, results.to, w.total, '', ...figureFields(results.totals)].map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
