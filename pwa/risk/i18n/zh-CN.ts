// The risk view's messages (zh-CN, the reference). Kept beside the view, not in the app catalogue,
// so the collector's phone never downloads them; en.ts must have the same keys.
import type { RiskAction, RiskLevel, RiskSeverity, RiskSignalStatus, RiskSignalType } from '../../../shared/risk.js';

export const riskZhCN = {
  title: '风险监控',
  subtitle: '外访结果触发的风险信号。最严重、最新的在前。',
  live: { connected: '实时更新中', reconnecting: '实时连接已断开，正在重连…' },
  type: {
    address_invalid: '地址失效 / 已搬离',
    unsafe: '敌意或不安全',
    hardship: '困难或弱势',
    fraud_claim: '声称冒办',
    promise_made: '承诺还款',
    promise_broken: '承诺未兑现',
    paid: '已通过官方渠道还款',
  } satisfies Record<RiskSignalType, string>,
  action: {
    skip_trace: '信息修复',
    two_person_visit: '下次双人外访',
    pause_and_review: '暂停催收并复核',
    fraud_workflow: '转欺诈流程',
    watch_due_date: '关注还款日',
    re_escalate: '重新升级',
    close_case: '核实后结案',
  } satisfies Record<RiskAction, string>,
  severity: { info: '提示', low: '低', medium: '中', high: '高' } satisfies Record<RiskSeverity, string>,
  status: { open: '待处理', acknowledged: '已确认', closed: '已关闭' } satisfies Record<RiskSignalStatus, string>,
  level: { low: '案件低风险', medium: '案件中风险', high: '案件高风险' } satisfies Record<RiskLevel, string>,
  filters: {
    label: '筛选风险信号',
    team: '团队',
    allTeams: '全部团队',
    type: '类型',
    severity: '严重程度',
    status: '状态',
    inView: '仅地图范围内',
    clear: '清除筛选',
  },
  summary: {
    title: '按类型与严重程度',
    byTeam: '按团队',
    type: '类型',
    total: '合计',
    noTeam: '未分组',
    count: (n: number) => `共 ${n.toLocaleString('zh-CN')} 条`,
    pick: (type: string, severity: string, n: number) => `${type} · ${severity}：${n} 条，点击只看这些`,
  },
  list: {
    label: '风险信号列表',
    openCase: '案件',
    openVisit: '外访记录',
    acknowledge: '确认',
    acknowledging: '正在确认…',
    acknowledgedBy: (at: string) => `已于 ${at} 确认`,
    due: (date: string) => `还款日 ${date}`,
    raisedAt: (at: string) => `触发于 ${at}`,
    who: (collector: string, team: string | null) => (team ? `${collector}（${team}）` : collector),
    empty: '没有符合条件的风险信号',
    emptyHint: '新的外访同步后，信号会实时出现在这里。',
    truncated: (shown: number, total: number) => `显示 ${shown} / ${total} 条（最严重的在前）。缩小筛选范围可看到其余信号。`,
    reasonLabel: '依据：',
  },
  findings: {
    outcome: (outcome: string, who: string | null) => (who ? `外访结果：${outcome}（${who}告知）` : `外访结果：${outcome}`),
    newAddress: '外访员已记录新地址，待核实',
    words: (word: string) => `外访记录中提到「${word}」`,
    health: (health: string) => `健康状况：${health}`,
    dependants: (n: number) => `失业，需抚养 ${n} 人`,
    promise: (amount: string, date: string) => `承诺 ${date} 前还款 ${amount}`,
    settlement: (amount: string, date: string, outstanding: string) =>
      `承诺 ${date} 前还款 ${amount}，低于欠款总额 ${outstanding}：和解申请待审批`,
    paidFull: (amount: string, channel: string, reference: string) =>
      `已通过「${channel}」全额还款 ${amount}（凭证号 ${reference}），核实后结案`,
    paidPart: (amount: string, outstanding: string, channel: string, reference: string) =>
      `已通过「${channel}」还款 ${amount}，欠款总额 ${outstanding}（凭证号 ${reference}）：请核实，案件继续`,
    broken: (amount: string | null, date: string) => `${amount ? `承诺的 ${amount}` : '承诺还款'}已过还款日 ${date}，未见还款记录`,
  },
  map: {
    label: '风险信号地图',
    unavailable: '地图无法加载，请刷新页面重试。',
    marker: (type: string, severity: string, debtor: string) => `${type} · ${severity} · ${debtor}`,
  },
  acknowledged: (type: string, debtor: string) => `已确认「${type}」：${debtor}`,
  newSignal: (type: string, debtor: string) => `新风险信号「${type}」：${debtor}`,
};

export type RiskMessages = typeof riskZhCN;
