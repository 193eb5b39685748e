// A believable demo city: Shenyang districts, streets, people and collection histories.
// Generated from a seeded PRNG so every fresh start shows the same city.
import type { CaseImportRowInput } from '../../shared/schemas/cases.js';

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const districts = [
  { name: '和平区', code: '210102', lat: 41.789, lng: 123.401, streets: ['南京南街', '太原街', '中华路', '南五马路', '三好街', '北二马路'] },
  { name: '沈河区', code: '210103', lat: 41.796, lng: 123.458, streets: ['青年大街', '五爱街', '小北关街', '市府大路', '文艺路', '热闹路'] },
  { name: '大东区', code: '210104', lat: 41.812, lng: 123.481, streets: ['东北大马路', '小东路', '长安路', '滂江街', '东望街', '大什字街'] },
  { name: '皇姑区', code: '210105', lat: 41.83, lng: 123.416, streets: ['北陵大街', '黄河北大街', '崇山中路', '长江街', '华山路', '昆山西路'] },
  { name: '铁西区', code: '210106', lat: 41.795, lng: 123.35, streets: ['建设大路', '兴华北街', '保工街', '北二西路', '重工街', '云峰北街'] },
  { name: '浑南区', code: '210112', lat: 41.718, lng: 123.45, streets: ['浑南中路', '创新路', '沈中大街', '营盘北街', '全运路', '天赐街'] },
  { name: '于洪区', code: '210114', lat: 41.795, lng: 123.31, streets: ['黄海路', '沈胡路', '于洪街', '西江街', '细河路', '怒江北街'] },
  { name: '沈北新区', code: '210113', lat: 41.915, lng: 123.525, streets: ['道义南大街', '蒲河路', '正良四路', '虎石台大街', '沈北路', '辉山大街'] },
] as const;

const compounds = ['万科城', '华润幸福里', '保利花园', '金地檀府', '碧桂园', '中海寰宇天下', '阳光城', '恒大绿洲', '龙湖春江彼岸', '东方威尼斯', '锦绣江南', '世茂五里河'];
const workplaces = ['华晨宝马铁西工厂', '沈阳机床集团', '东软软件园', '兴隆大家庭', '中街大悦城', '沈阳北站物流园', '五爱市场', '盛京医院', '浑南科技城', '万象城', '沈阳站快递分拣中心', '铁西万达广场'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '于', '宋', '郑', '韩', '曲'];
const givenNames = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建国', '立新', '红梅', '春生', '雪梅'];
const relations = ['配偶', '父亲', '母亲', '兄弟', '姐妹', '同事', '朋友'];
const priorNotes = [
  '电话多次无人接听，连续三日拨打均未接通。',
  '本人接听，承诺本月15日前还款5000元，到期未兑现。',
  '号码已停机，联系人电话亦无法接通，疑似失联。',
  '家属接听，称本人外出打工，不清楚具体地址。',
  '本人称已失业，目前无力还款，态度尚可。',
  '本人拒绝沟通，挂断电话，态度恶劣。',
  '本人称卡片非本人申请，对欠款有异议。',
  '同事接听，称本人已离职两个月。',
  '短信提醒已送达，未回复。',
  '本人称生病住院，请求延期还款。',
];
const creditors = ['SJXF', 'LSCC', 'BFXD'] as const;
const products = ['credit_card', 'consumer_instalment', 'cash_loan'] as const;
const reasons = ['unreachable', 'broken_promise', 'refused', 'high_balance'] as const;

export const demoCreditors = [
  { code: 'SJXF', name: '盛京消费金融' },
  { code: 'LSCC', name: '辽沈银行信用卡中心' },
  // Has its field visits recorded in full, from check-in to check-out, as many lenders do.
  { code: 'BFXD', name: '北方小额贷款', recordAudio: true },
] as const;

export const demoTeams = [
  { name: '沈阳外访一组', territory: '和平区、沈河区、皇姑区、沈北新区' },
  { name: '沈阳外访二组', territory: '铁西区、于洪区、大东区、浑南区' },
] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function around(random: () => number, center: number, spread: number): number {
  return Math.round((center + (random() - 0.5) * 2 * spread) * 1e6) / 1e6;
}

/** A Chinese resident identity number with a valid ISO 7064 check digit. */
export function identityNumber(random: () => number, regionCode: string): string {
  const year = 1960 + Math.floor(random() * 40);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const body = `${regionCode}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function phone(random: () => number): string {
  return `1${pick(random, ['3', '5', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
}

export function demoCases(count: number, seed = 20261123): CaseImportRowInput[] {
  const random = seededRandom(seed);
  const rows: CaseImportRowInput[] = [];
  for (let i = 0; i < count; i++) {
    const home = pick(random, districts);
    const work = pick(random, districts);
    const daysPastDue = 31 + Math.floor(random() * 330);
    const principal = Math.round((5_000 + random() * 195_000) * 100);
    const interest = Math.round(principal * (0.02 + random() * 0.15));
    const fees = Math.round(random() * 300) * 100;
    const notes = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => ({
      writtenAt: new Date(Date.UTC(2026, 9, 1 + Math.floor(random() * 50), 1 + n, Math.floor(random() * 60))).toISOString(),
      author: `电催${pick(random, ['A', 'B', 'C'])}组`,
      channel: 'phone' as const,
      body: pick(random, priorNotes),
    }));
    rows.push({
      creditor: pick(random, creditors),
      externalId: `SY${String(2026000 + i).padStart(8, '0')}`,
      product: pick(random, products),
      debtor: { name: pick(random, surnames) + pick(random, givenNames), idNumber: identityNumber(random, home.code), phone: phone(random) },
      amounts: { principal, interest, fees },
      daysPastDue,
      escalationReason: pick(random, reasons),
      priority: 1 + Math.floor(random() * 5),
      addresses: [
        {
          kind: 'home',
          address: `沈阳市${home.name}${pick(random, home.streets)}${1 + Math.floor(random() * 300)}号${pick(random, compounds)}${1 + Math.floor(random() * 30)}号楼${1 + Math.floor(random() * 6)}单元${1 + Math.floor(random() * 30)}0${1 + Math.floor(random() * 4)}室`,
          lat: around(random, home.lat, 0.02),
          lng: around(random, home.lng, 0.025),
        },
        ...(random() < 0.6
          ? [{ kind: 'work' as const, address: `沈阳市${work.name}${pick(random, work.streets)}${1 + Math.floor(random() * 300)}号${pick(random, workplaces)}`, lat: around(random, work.lat, 0.02), lng: around(random, work.lng, 0.025) }]
          : []),
      ],
      contacts: [{ name: pick(random, surnames) + pick(random, givenNames), relation: pick(random, relations), phone: phone(random) }],
      notes,
    });
  }
  return rows;
}

/** Twelve collectors' home bases, spread over the city. */
export function demoCollectorBases(seed = 7): { address: string; lat: number; lng: number }[] {
  const random = seededRandom(seed);
  return Array.from({ length: 12 }, (_, i) => {
    const district = districts[i % districts.length]!;
    return { address: `沈阳市${district.name}${pick(random, district.streets)}外访工作站`, lat: around(random, district.lat, 0.01), lng: around(random, district.lng, 0.01) };
  });
}
