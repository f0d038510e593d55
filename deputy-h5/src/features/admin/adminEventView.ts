import {
  formatTime,
  LEVEL_LABELS,
  ROLE_LABELS,
  TYPE_LABELS,
  UNIT_KIND_LABELS,
  type UnitKind,
  type AdminEvent,
  type CaseType,
  type DeputyLevel,
  type Region,
  type Role,
  type Station,
  type Unit,
} from '@minqing/shared';

/** The changed fields of an account or a setting, as the 操作日志 names them. */
const FIELD_LABELS: Record<string, string> = {
  role: '角色',
  name: '姓名',
  phone: '手机号',
  dingUserId: '浙政钉账号',
  username: '用户名',
  password: '密码',
  regionId: '所属地区',
  unitId: '承办单位',
  deputyCode: '对应代表',
  disabled: '停用',
  // 系统设置
  ackWorkingDays: '代表受理时限',
  signWorkingDays: '单位签收时限',
  replyWorkingDays: '办理时限',
  maxExtensionWorkingDays: '延期最多',
  ratingWindowDays: '群众评价期限',
  warnAtFraction: '预警比例',
  basicallySatisfiedWeight: '基本满意权重',
  regionIds: '答复审核镇街',
  // 代表名册
  code: '代表编号',
  level: '层级',
  stationId: '联络站',
  constituency: '选区',
  bio: '简介',
  sort: '排序',
  inOffice: '履职状态',
  photo: '照片',
  // 承办单位与分类
  id: '单位编号',
  kind: '类别',
  active: '使用状态',
  defaultUnitId: '默认承办单位',
  // 登录锁定
  failures: '密码错误次数',
  ips: '来源地址',
  lockedUntil: '锁定至',
};
/** A unit's or a category's `name` is its name, not a person's. */
const UNIT_FIELD_LABELS: Record<string, string> = { name: '名称' };
/** A station's fields (联络站). */
const STATION_FIELD_LABELS: Record<string, string> = { id: '联络站编号', name: '名称', address: '地址', receptionDays: '接待日' };
/** A village's fields (村（社区）). */
const VILLAGE_FIELD_LABELS: Record<string, string> = { id: '编号', name: '名称', townId: '所属镇街' };
/** A wall screen's credential (大屏凭证): its name, the region it shows, and when it ends. */
const SCREEN_FIELD_LABELS: Record<string, string> = { name: '名称', regionId: '显示范围', expiresAt: '有效期至', revokedAt: '撤销时间' };
const SETTING_TARGETS: Record<string, string> = { limits: '办理时限', replyReview: '答复审核' };

export interface Names {
  regions: Region[];
  units: Unit[];
  stations?: Station[];
}

function valueText(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return '（清空）';
  if (key === 'inOffice') return value ? '在任' : '不再履职';
  if ((key === 'lockedUntil' || key === 'expiresAt' || key === 'revokedAt') && typeof value === 'string') return formatTime(value);
  if (key === 'ips' && Array.isArray(value)) return value.map(String).join('、');
  if (key === 'active') return value ? '在用' : '停用';
  if (key === 'kind' && typeof value === 'string') return UNIT_KIND_LABELS[value as UnitKind] ?? value;
  if (key === 'defaultUnitId' && typeof value === 'string') return names.units.find((u) => u.id === value)?.name ?? value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'level' && typeof value === 'string') return LEVEL_LABELS[value as DeputyLevel] ?? value;
  if (key === 'stationId' && typeof value === 'string') return names.stations?.find((s) => s.id === value)?.name ?? value;
  const regionName = (id: string) => names.regions.find((r) => r.id === id)?.name ?? id;
  if (key === 'role' && typeof value === 'string') return ROLE_LABELS[value as Role] ?? value;
  if ((key === 'regionId' || key === 'townId') && typeof value === 'string') return regionName(value);
  if (key === 'unitId' && typeof value === 'string') return names.units.find((u) => u.id === value)?.name ?? value;
  if (key === 'regionIds' && Array.isArray(value)) return value.length ? value.map((id) => regionName(String(id))).join('、') : '无';
  if (key === 'replyWorkingDays' && value && typeof value === 'object') {
    return Object.entries(value)
      .map(([t, days]) => `${TYPE_LABELS[t as CaseType] ?? t}${String(days)}天`)
      .join('、');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number);
}

/** 节假日安排's changes (target `holidays:<year>`): the days added, removed and changed, each already in words. */
const HOLIDAY_CHANGE_LABELS: Record<string, string> = { added: '新增', removed: '删除', changed: '修改' };
const holidayYear = (event: AdminEvent) => (event.action === 'settings_update' ? /^holidays:(\d{4})$/.exec(event.target)?.[1] : undefined);

/** “停用：是”, “密码：已重置”, “所属地区：当湖街道” — one line per changed field (per day for 节假日安排). */
export function changeLines(event: AdminEvent, names: Names): string[] {
  if (holidayYear(event)) {
    return Object.entries(event.changes).flatMap(([key, days]) =>
      (Array.isArray(days) ? days : [days]).map((d) => `${HOLIDAY_CHANGE_LABELS[key] ?? key}：${String(d)}`),
    );
  }
  const unitEvent = event.action === 'unit_create' || event.action === 'unit_update' || event.action === 'category_update';
  const stationEvent = event.action === 'station_create' || event.action === 'station_update';
  const villageEvent = event.action === 'village_create' || event.action === 'village_update';
  const screenEvent = event.action === 'screen_credential_issue' || event.action === 'screen_credential_revoke';
  const own = unitEvent
    ? UNIT_FIELD_LABELS
    : stationEvent
      ? STATION_FIELD_LABELS
      : villageEvent
        ? VILLAGE_FIELD_LABELS
        : screenEvent
          ? SCREEN_FIELD_LABELS
          : {};
  return Object.entries(event.changes).map(([key, value]) => `${own[key] ?? FIELD_LABELS[key] ?? key}：${valueText(key, value, names)}`);
}

/** Whose account it was, or which setting. */
export function targetText(event: AdminEvent): string {
  const year = holidayYear(event);
  if (year) return `节假日安排（${year}年）`;
  if (event.action === 'settings_update') return SETTING_TARGETS[event.target] ?? event.target;
  if (event.action === 'deputy_create' || event.action === 'deputy_update') return `代表 ${event.targetName ?? ''}（${event.target}）`;
  if (event.action === 'unit_create' || event.action === 'unit_update') return `承办单位 ${event.targetName ?? ''}（${event.target}）`;
  if (event.action === 'station_create' || event.action === 'station_update') return `联络站 ${event.targetName ?? ''}（${event.target}）`;
  if (event.action === 'village_create' || event.action === 'village_update')
    return `村（社区） ${event.targetName ?? ''}（${event.target}）`;
  if (event.action === 'category_update') return `分类 ${event.targetName ?? event.target}`;
  if (event.action === 'user_lockout') return `账号 ${event.targetName ?? event.target}`;
  if (event.action === 'screen_credential_issue' || event.action === 'screen_credential_revoke')
    return `大屏凭证 ${event.targetName ?? event.target}`;
  return event.targetName ?? event.target;
}
