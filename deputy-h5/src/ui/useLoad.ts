// The staff app's pages load through the helper both apps share.
export { useLoad } from '@minqing/h5-common/useLoad';
