// The console's messages in the language the app is shown in.
import { useI18n } from '../../app/i18n/i18n.js';
import { dispatchEn } from './en.js';
import { dispatchZhCN, type DispatchMessages } from './zh-CN.js';

export function useDispatchText(): DispatchMessages {
  return useI18n().locale === 'en' ? dispatchEn : dispatchZhCN;
}
