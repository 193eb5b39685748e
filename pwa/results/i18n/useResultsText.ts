// The results page's messages in the language the app is shown in.
import { useI18n } from '../../app/i18n/i18n.js';
import { resultsEn } from './en.js';
import { resultsZhCN, type ResultsMessages } from './zh-CN.js';

export function useResultsText(): ResultsMessages {
  return useI18n().locale === 'en' ? resultsEn : resultsZhCN;
}
