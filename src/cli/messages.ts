/**
 * The words of `zhengdi`'s human-readable output, in Chinese and English (`--lang zh|en`):
 * each output is wholly in one language. Machine output (`--json`, records) has no language.
 */
import { Option } from 'commander';
import type { Lang } from '../audit/explain';

export type { Lang };

export const MESSAGES = {
  en: {
    id: 'id', jurisdiction: 'jurisdiction', kinds: 'kinds', version: 'version', from: 'from', to: 'to', document: 'document', hash: 'hash',
    open: 'open', archived: '(archived)',
    replayOf: (f: string) => `Replay of ${f}`, result: 'result', count: 'count', records: 'records', matched: 'matched', mismatched: 'mismatched', failed: 'failed',
    line: 'line', path: 'path', recorded: 'recorded', replayed: 'replayed', code: 'code', reason: 'reason', absent: '(absent)',
    more: (n: number) => `… ${n} more`,
    mismatchedTitle: 'Mismatched (recorded ≠ replayed):', failedTitle: 'Failed (could not be replayed):',
    allMatch: 'All records match the rules and figures they were made under.', allMatchInForce: 'All records match the rules and figures in force today for their dates.', notAllMatch: 'NOT all records match: see above.', fileNotIntact: 'All records match, but the FILE is NOT intact: see above.',
    parameter: 'parameter', value: 'value', unit: 'unit', since: 'since', until: 'until', verified: 'verified', evidence: 'evidence', source: 'source',
    yes: 'yes', no: 'no', none: '(none)', notInForce: '(not in force)',
    parametersOn: (d: string, j?: string) => `Parameters in force on ${d}${j ? ` for ${j} (and the jurisdictions it belongs to)` : ''}`,
    historyOf: (id: string) => `History of ${id}`,
    compareTitle: (k: string, b: string, r: string) => `What-if (${k}): ${b} → ${r}`,
    inputs: 'inputs', item: 'item', changed: 'changed', errors: 'errors', eligible: 'eligible applicants', gained: 'gained', lost: 'lost', amount: 'total amount', delta: 'delta', payer: 'payer',
    baseline: 'baseline', reform: 'reform', what: 'what', changedItems: 'Changed items:', totals: 'Totals:', byPayer: 'By payer:', diffs: 'differences',
    units: {} as Record<string, string>,
    payers: { 'acquiring-unit': 'acquiring unit', district: 'district', town: 'town', 'individual-account': 'individual account' } as Record<string, string>,
  },
  zh: {
    id: '编号', jurisdiction: '辖区', kinds: '决定类型', version: '版本', from: '起', to: '止', document: '文件', hash: '哈希',
    open: '至今', archived: '（存档）',
    replayOf: (f: string) => `回放 ${f}`, result: '结果', count: '数量', records: '记录', matched: '一致', mismatched: '不一致', failed: '无法回放',
    line: '行', path: '字段', recorded: '记录值', replayed: '回放值', code: '代码', reason: '原因', absent: '（无）',
    more: (n: number) => `… 另有 ${n} 处`,
    mismatchedTitle: '不一致（记录值 ≠ 回放值）：', failedTitle: '无法回放：',
    allMatch: '全部记录与其作出时所依据的规则和参数一致。', allMatchInForce: '全部记录与其日期今日有效的规则和参数一致。', notAllMatch: '并非全部记录一致：见上。', fileNotIntact: '全部记录一致，但文件不完整：见上。',
    parameter: '参数', value: '取值', unit: '单位', since: '起', until: '止', verified: '已核实', evidence: '依据类型', source: '出处',
    yes: '是', no: '否', none: '（无）', notInForce: '（未生效）',
    parametersOn: (d: string, j?: string) => `${d} 有效的参数${j ? `（${j} 及其上级辖区）` : ''}`,
    historyOf: (id: string) => `${id} 的历次取值`,
    compareTitle: (k: string, b: string, r: string) => `假设测算（${k}）：${b} → ${r}`,
    inputs: '输入', item: '序号', changed: '有变化', errors: '出错', eligible: '符合条件的申请人', gained: '新增', lost: '减少', amount: '金额合计', delta: '差额', payer: '出资方',
    baseline: '现行', reform: '调整后', what: '项目', changedItems: '有变化的输入：', totals: '合计：', byPayer: '按出资方：', diffs: '差异',
    units: { date: '日期', mu: '亩', year: '年', person: '人', day: '天', 'yuan/month': '元/月', yuan: '元', ratio: '比例', month: '月', 'land-type-list': '地类清单', 'rounding-mode': '取整方式' } as Record<string, string>,
    payers: { 'acquiring-unit': '征地单位', district: '区财政', town: '镇财政', 'individual-account': '个人账户' } as Record<string, string>,
  },
} as const;

/** The words of one language. */
export type Messages = (typeof MESSAGES)[Lang];

/** The `--lang zh|en` option, with its default. */
export function langOption(defaultLang: Lang): Option {
  return new Option('--lang <lang>', 'language of the text output').choices(['zh', 'en']).default(defaultLang);
}
