import { showConfirmDialog } from 'vant';
import 'vant/es/dialog/style';

/** Asks before a step that takes something away (停用, 删除); true when the person confirms. */
export const confirmDanger = (title: string, message: string, confirmButtonText: string): Promise<boolean> =>
  showConfirmDialog({ title, message, confirmButtonText, confirmButtonColor: '#ee0a24' }).then(
    () => true,
    () => false,
  );
