import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import {
  CLOSE_REASON_LABELS,
  EXPORT_MAX_ROWS,
  RATING_LABELS,
  STATUS_LABELS,
  TYPE_LABELS,
  maskName,
  maskPhone,
  type CaseStatus,
  type CaseType,
  type CloseReason,
  type Rating,
  type StatsQuery,
} from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { SessionUser } from './session.js';
import { isOverdue, maskedText } from './present.js';
import { statsFilter } from './stats.js';

// exceljs takes a second or more to load (more than the rest of the server), and only an
// export needs it: loaded on the first one, not at every start (and every test server's).
const require = createRequire(import.meta.url);
let excel: typeof import('exceljs') | undefined;
const loadExcel = () => (excel ??= require('exceljs') as typeof import('exceljs'));

/** The columns of the ledger (台账) a row of `cases` is written as. */
interface LedgerRow {
  id: string;
  tracking_no: string;
  type: CaseType;
  title: string;
  status: CaseStatus;
  region_id: string;
  deputy_code: string;
  category_id: string | null;
  unit_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  anonymous: number;
  submitted_at: string;
  ack_due_at: string;
  acknowledged_at: string | null;
  ack_on_time: number | null;
  forwarded_at: string | null;
  first_assigned_at: string | null;
  assigned_at: string | null;
  sign_due_at: string | null;
  signed_at: string | null;
  reply_due_at: string | null;
  /** read for 当前超期 (isOverdue), not a column of its own */
  rate_due_at: string | null;
  extension_approved_days: number | null;
  return_count: number;
  replied_at: string | null;
  replied_by_unit: number;
  reply_on_time: number | null;
  reopen_count: number;
  urge_count: number;
  rating: Rating | null;
  solved: number | null;
  rated_at: string | null;
  deputy_rating: Rating | null;
  closed_at: string | null;
  close_reason: CloseReason | null;
}

const LEDGER_COLUMNS = Object.keys({
  id: 1,
  tracking_no: 1,
  type: 1,
  title: 1,
  status: 1,
  region_id: 1,
  deputy_code: 1,
  category_id: 1,
  unit_id: 1,
  contact_name: 1,
  contact_phone: 1,
  anonymous: 1,
  submitted_at: 1,
  ack_due_at: 1,
  acknowledged_at: 1,
  ack_on_time: 1,
  forwarded_at: 1,
  first_assigned_at: 1,
  assigned_at: 1,
  sign_due_at: 1,
  signed_at: 1,
  reply_due_at: 1,
  rate_due_at: 1,
  extension_approved_days: 1,
  return_count: 1,
  replied_at: 1,
  replied_by_unit: 1,
  reply_on_time: 1,
  reopen_count: 1,
  urge_count: 1,
  rating: 1,
  solved: 1,
  rated_at: 1,
  deputy_rating: 1,
  closed_at: 1,
  close_reason: 1,
} satisfies Record<keyof LedgerRow, 1>);

/** An instant as 2026-03-02 10:00 in China time. */
export function cstTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

const yesNo = (v: number | null) => (v === null ? '' : v === 1 ? '是' : '否');

export interface LedgerExport {
  filename: string;
  rows: number;
  stream: PassThrough;
}

/**
 * 台账: the filtered cases as an .xlsx, one row per case with every stage's time and the
 * rating, phones and names masked (in the contact columns and in the titles). Written as it
 * is read (exceljs' streaming writer over batches of rows), so memory stays flat however many
 * rows there are.
 */
export function exportLedger(deps: Deps, user: SessionUser, q: StatsQuery): LedgerExport {
  const f = statsFilter(deps, user, q);
  const rows = deps.stats.ledgerCount(f);
  if (rows > EXPORT_MAX_ROWS) {
    throw new ApiError('invalid_input', `共 ${rows} 件，超过单次导出上限 ${EXPORT_MAX_ROWS} 件，请缩小时间范围或增加筛选条件`, 'from');
  }
  const now = deps.clock.now();
  const ref = deps.reference;
  const ExcelJS = loadExcel();
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  // Speed: with styles on, exceljs works out a style for every cell from scratch (a fresh style
  // object each time defeats its cache) — half the export's time. Cells without a style of
  // their own are the default style 0, so answer that at once; only the bold header asks.
  const styles = (workbook as unknown as { styles?: { addStyleModel?: (model: unknown, type?: number) => number } }).styles;
  const addStyleModel = styles?.addStyleModel?.bind(styles);
  if (styles && addStyleModel) {
    styles.addStyleModel = (model, type) =>
      model && typeof model === 'object' && Object.keys(model).length === 0 && type !== ExcelJS.ValueType.Date
        ? 0
        : addStyleModel(model, type);
  }
  workbook.creator = '民情通';
  workbook.created = now;
  const sheet = workbook.addWorksheet('民情台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: [string, number][] = [
    ['受理编号', 18],
    ['诉求类型', 8],
    ['标题', 30],
    ['当前状态', 8],
    ['镇（街道）', 10],
    ['代表', 8],
    ['问题分类', 12],
    ['承办单位', 22],
    ['群众', 8],
    ['联系电话', 14],
    ['提交时间', 17],
    ['应答时限', 17],
    ['受理时间', 17],
    ['按时受理', 8],
    ['转交人大办时间', 17],
    ['首次交办时间', 17],
    ['最近交办时间', 17],
    ['签收时限', 17],
    ['签收时间', 17],
    ['办理时限', 17],
    ['延期（工作日）', 8],
    ['退回次数', 8],
    ['答复时间', 17],
    ['答复方', 8],
    ['按时办结', 8],
    ['重办次数', 8],
    ['督办次数', 8],
    ['群众评价', 10],
    ['是否解决', 8],
    ['评价时间', 17],
    ['代表评价', 10],
    ['办结时间', 17],
    ['办结方式', 10],
    ['当前超期', 8],
  ];
  sheet.columns = columns.map(([header, width]) => ({ header, width }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.commit();

  const toCells = (r: LedgerRow) => {
    return [
      r.tracking_no,
      TYPE_LABELS[r.type],
      maskedText(r.title, r),
      STATUS_LABELS[r.status],
      ref.region(r.region_id)?.name ?? '',
      ref.deputy(r.deputy_code)?.name ?? r.deputy_code,
      r.category_id ? (ref.category(r.category_id)?.name ?? '') : '',
      r.unit_id ? (ref.unit(r.unit_id)?.name ?? '') : '',
      r.anonymous ? '匿名' : r.contact_name ? maskName(r.contact_name) : '',
      r.anonymous || !r.contact_phone ? '' : maskPhone(r.contact_phone),
      cstTime(r.submitted_at),
      cstTime(r.ack_due_at),
      cstTime(r.acknowledged_at),
      yesNo(r.ack_on_time),
      cstTime(r.forwarded_at),
      cstTime(r.first_assigned_at),
      cstTime(r.assigned_at),
      cstTime(r.sign_due_at),
      cstTime(r.signed_at),
      cstTime(r.reply_due_at),
      r.extension_approved_days ?? '',
      r.return_count,
      cstTime(r.replied_at),
      r.replied_at ? (r.replied_by_unit ? '承办单位' : '代表') : '',
      yesNo(r.reply_on_time),
      r.reopen_count,
      r.urge_count,
      r.rating ? RATING_LABELS[r.rating] : '',
      r.rating ? yesNo(r.solved) : '',
      cstTime(r.rated_at),
      r.deputy_rating ? RATING_LABELS[r.deputy_rating] : '',
      cstTime(r.closed_at),
      r.close_reason ? CLOSE_REASON_LABELS[r.close_reason] : '',
      isOverdue(r, now) ? '是' : '',
    ];
  };

  const BATCH = 1000;
  const HIGH_WATER = 2 * 1024 * 1024;
  // exceljs hands the sheet's XML to the zip without backpressure: left alone, the whole sheet
  // would wait uncompressed in memory. So after each batch, let the zip catch up (its input
  // below HIGH_WATER) and the reader too (our output below HIGH_WATER).
  type Buffered = { writableLength?: number; _writableState?: { length: number } };
  const zipInput = () => {
    const pipe = (sheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes?.[0];
    return pipe?.writableLength ?? pipe?._writableState?.length ?? 0;
  };
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  const drained = () =>
    new Promise<void>((resolve) => {
      const check = () =>
        (zipInput() < HIGH_WATER && stream.readableLength < HIGH_WATER) || stream.destroyed ? resolve() : setTimeout(check, 1);
      check();
    });
  void (async () => {
    try {
      let after: [string, string] = [f.start, ''];
      for (;;) {
        const batch = deps.stats.ledgerPage<LedgerRow>(LEDGER_COLUMNS, f, after, BATCH);
        for (const r of batch) sheet.addRow(toCells(r)).commit();
        if (batch.length < BATCH || stream.destroyed) break;
        const last = batch[batch.length - 1]!;
        after = [last.submitted_at, last.id];
        await pause();
        await drained();
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      // the route logs it: the download ends with an error instead of a truncated file
      stream.destroy(err as Error);
    }
  })();
  const name = `民情台账_${f.scopeName}_${f.from}_${f.to}.xlsx`;
  return { filename: name, rows, stream };
}
