import { useAccountsList } from './accountsList';
import { useDeputiesList } from './deputiesList';
import { useStationsList } from './stationsList';
import { useUnitsList } from './unitsList';
import { useVillagesList } from './villagesList';

/** The admin lists by the name their route gives AdminListPage; a new list is one descriptor here and one route. */
export const ADMIN_LISTS = {
  users: useAccountsList,
  deputies: useDeputiesList,
  units: useUnitsList,
  stations: useStationsList,
  villages: useVillagesList,
};
export type AdminListName = keyof typeof ADMIN_LISTS;
