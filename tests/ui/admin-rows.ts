import type { AdminStation, AdminVillage } from '@minqing/shared';

/** Rows of the admin lists as the stand-in API answers them (tests/ui/admin-kit.test.ts, tests/ui/admin-list.test.ts). */

/** An open 联络站 of 当湖街道 with 2 deputies. */
export const station = (id: string, name: string, over: Partial<AdminStation> = {}): AdminStation => ({
  id,
  name,
  regionId: 'danghu',
  regionName: '当湖街道',
  address: `${name}路1号`,
  receptionDays: '每月15日上午',
  active: true,
  deputies: 2,
  ...over,
});

/** An open 村（社区） of 当湖街道 served by no station, whose 排序 is the last digit of its id. */
export const village = (id: string, name: string, over: Partial<AdminVillage> = {}): AdminVillage => ({
  id,
  name,
  townId: 'danghu',
  townName: '当湖街道',
  sort: Number(id.slice(-1)),
  active: true,
  stations: 0,
  ...over,
});
