/** The demo's language (`npm run demo -- --lang en`): every line is in one language. */
export type Lang = 'zh' | 'en';

/** Picks the text of the language. */
export const say = (lang: Lang) => (zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** A payer in the language. */
export function payerName(payer: string, lang: Lang): string {
  const zh: Record<string, string> = { 'acquiring-unit': '征地单位', district: '区财政', town: '镇财政', 'individual-account': '个人账户' };
  const en: Record<string, string> = { 'acquiring-unit': 'acquiring unit', district: 'district', town: 'town', 'individual-account': 'individual account' };
  return (lang === 'zh' ? zh : en)[payer] ?? payer;
}

/** `--lang zh|en` from the arguments (default zh); anything else is a usage error. */
export function langFromArgs(args: readonly string[]): Lang {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'zh';
  const v = args[i]!.includes('=') ? args[i]!.slice('--lang='.length) : args[i + 1];
  if (v === 'zh' || v === 'en') return v;
  throw new Error(`--lang: expected zh or en, not ${v ?? '(nothing)'}`);
}
