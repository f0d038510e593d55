/** An uploaded photo, served publicly at this address only while it is the deputy's photo; a new photo is a new address. */
export const photoUrlOf = (code: string, uploadId: string) => `/api/deputies/${encodeURIComponent(code)}/photo/${uploadId}`;
