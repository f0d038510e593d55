/**
 * Non-actionable message detection (thanks, greetings, ads, gibberish,
 * "测试"): such messages get 待人工判断 instead of a guessed category.
 * Rule-based and deliberately conservative: it must not fire on real
 * complaints that open with 您好 and close with 谢谢. Pure.
 */
import { normalizeWidth } from './normalize.js';

export type NonActionableKind = 'empty' | 'thanks' | 'greeting' | 'ad' | 'gibberish' | 'test';

// courtesy: greetings, addressing, thanks, wishes, "already solved"
const GREETING = /(?:你|您)们?好|早上好|上午好|中午好|下午好|晚上好|晚安|在吗|在不在|hello|hi|hey|哈喽|嗨/g;
const ADDRESS = /尊敬的|亲爱的|各位|(?:人大)?代表|领导|书记|主任|同志|老师|政府|大家|你们|您/g;
const THANKS =
  /非常|十分|真心|衷心|万分|谢谢|多谢|感谢|感恩|谢了|辛苦了|辛苦|点个?赞|好评|满意|给力|很好|不错|的?辛勤(?:付出|工作)?|付出|为人民服务|好人一生平安/g;
const FILLER = /[为了的啊呀吧哦呢嘛也都很]/g;
const WISHES = /祝(?:大家|您|你们)?|新年快乐|春节快乐|节日快乐|中秋快乐|快乐|身体健康|万事如意|工作顺利|阖家幸福|幸福安康|平安/g;
const SOLVED =
  /(?:上次|之前|前几天|前段时间)?(?:我)?(?:反映|提|说)?的?(?:问题|事情|事)?(?:已经|已|都)?(?:(?:解决|处理|办理|办|修|弄|搞)(?:好|完)了?|(?:解决|处理|落实)了)/g;

const TEST = /测试|test|试一?下|试试/;
// what a test message is made of; anything else left over means it is not only a test
const TEST_WORDS =
  /测试|testing|test|试一?下|试试|看看|能不能|能否|是否|可以|提交|发送|发布|成功|正常|收到|功能|系统|这是|一条|一个|消息|信息|内容|一下|请忽略|忽略|的|了|吗|\d+/g;
const AD =
  /代开(?:各类)?发票|发票代开|刷单|兼职.{0,8}(?:日结|赚|佣金)|日结工资|轻松赚|加(?:我)?(?:微信|vx|v信|qq)|微信[:：]?\s*[a-z0-9_-]{5,}|qq\s*[:：]?\s*\d{5,}|无抵押|秒批|低息贷款|清仓|甩卖|抢购|特价|全场.{0,4}折|优惠券|代理加盟|招商加盟|免费领取|扫码领/g;
// signs that a message mentioning an advert is a complaint about it
const COMPLAINT = /投诉|举报|反映|骚扰|被骗|诈骗|上当|受骗|希望|要求|整治|查处|管管|管一管|清理|乱贴|小广告|问题|请(?!联系)|部门/;

const CJK = /[\u3400-\u9fff]/g;

function compact(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

function adSignals(t: string): number {
  const signals = t.match(AD)?.length ?? 0;
  // a link alone is common in real messages; with another advert signal it counts
  return signals > 0 && /https?:\/\/|www\./.test(t) ? signals + 1 : signals;
}

/**
 * Why a message is not actionable, or null if it may be.
 * `coverage` (optional): share of the message's n-grams known to the model;
 * a short text made of unknown n-grams is treated as gibberish.
 */
export function nonActionableKind(text: string, coverage?: number): NonActionableKind | null {
  return nonActionableKindNormalized(normalizeWidth(text), coverage);
}

/** as nonActionableKind, for a text already passed through normalizeWidth */
export function nonActionableKindNormalized(width: string, coverage?: number): NonActionableKind | null {
  const t = width.trim();
  // long messages: only an advert with several signals can be non-actionable
  if (t.length > 300) return adSignals(t) >= 2 && !COMPLAINT.test(t) ? 'ad' : null;
  const c = compact(t);
  if (!c) return t ? 'gibberish' : 'empty';
  const cjk = c.match(CJK)?.length ?? 0;

  if (c.length <= 30 && TEST.test(c) && c.replace(TEST_WORDS, '').length < 4) return 'test';

  const ads = adSignals(t);
  if (ads > 0 && !COMPLAINT.test(t) && (ads >= 2 || c.length <= 60)) return 'ad';

  // long messages: only an advert with several signals can be non-actionable
  if (c.length > 120) return null;

  // courtesy only: remove greetings, addresses, thanks, wishes, "solved"
  let rest = t;
  let courtesy = 0;
  for (const re of [SOLVED, GREETING, WISHES, THANKS]) {
    rest = rest.replace(re, () => {
      courtesy++;
      return ' ';
    });
  }
  const restCompact = compact(rest.replace(ADDRESS, ' ').replace(FILLER, ''));
  if (courtesy > 0 && restCompact.length < 4) {
    return /谢|感|辛苦|赞|满意|解决|处理/.test(t) ? 'thanks' : 'greeting';
  }

  // gibberish: no Chinese at all (short), a few characters repeated, unknown n-grams
  if (cjk === 0 && c.length <= 40) return 'gibberish';
  const distinct = new Set(c).size;
  if (c.length >= 3 && distinct <= 2) return 'gibberish';
  if (c.length >= 8 && c.length <= 60 && distinct / c.length < 0.3) return 'gibberish';
  if (coverage !== undefined && c.length <= 60 && coverage < 0.5) return 'gibberish';
  return null;
}
