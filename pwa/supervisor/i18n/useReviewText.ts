// The review's messages in the language the app is shown in.
import { useI18n } from '../../app/i18n/i18n.js';
import { reviewEn } from './en.js';
import { reviewZhCN, type ReviewMessages } from './zh-CN.js';

export function useReviewText(): ReviewMessages {
  return useI18n().locale === 'en' ? reviewEn : reviewZhCN;
}
