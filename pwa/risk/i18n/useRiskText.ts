// The risk view's messages in the language the app is shown in.
import { useI18n } from '../../app/i18n/i18n.js';
import { riskEn } from './en.js';
import { riskZhCN, type RiskMessages } from './zh-CN.js';

export function useRiskText(): RiskMessages {
  return useI18n().locale === 'en' ? riskEn : riskZhCN;
}
