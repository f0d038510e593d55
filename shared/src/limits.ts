/** Limits the apps and the server share; no zod here, so the apps can import them without the schemas. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 9;
