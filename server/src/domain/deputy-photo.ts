/** The generated portrait (the deputy's name on a colour): every deputy's photo until one is uploaded. */
export const avatarUrl = (code: string) => `/api/deputies/${encodeURIComponent(code)}/avatar.svg`;

/** An uploaded photo, served publicly at this address only while it is the deputy's photo; a new photo is a new address. */
export const photoUrlOf = (code: string, uploadId: string) => `/api/deputies/${encodeURIComponent(code)}/photo/${uploadId}`;
