import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPS_DATUM, SECRET_TEXT, photoWithGps, pngWithTextAndOverrun } from '../helpers/images.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** Uploads as a citizen; returns the answer (not thrown on an error status). */
async function upload(bytes: Buffer, type: string, name: string) {
  const citizen = await s.as('zlb-zhang');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return citizen.http.post('/api/uploads', form, { validateStatus: () => true });
}

/** What anyone handed the photo's link receives. */
async function served(url: string): Promise<{ bytes: Buffer; type: string }> {
  const res = await s.anonymous().http.get(url, { responseType: 'arraybuffer' });
  return { bytes: Buffer.from(res.data as ArrayBuffer), type: String(res.headers['content-type']) };
}

/** Nothing of the uploaded metadata is left: not as parsed by sharp, not anywhere in the bytes. */
async function expectNoMetadata(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.comments).toBeUndefined();
  for (const marker of [SECRET_TEXT, GPS_DATUM, 'MinqingPhone', 'Exif\0\0'])
    expect(bytes.includes(Buffer.from(marker, 'latin1'))).toBe(false);
}

/**
 * Uploads a photo that must be stored as the type it was sent as, and checks what its link serves: that type, with no
 * metadata. Returns the upload's answer and the served bytes.
 */
async function uploadStripped(bytes: Buffer, type: string, name: string) {
  const res = await upload(bytes, type, name);
  expect(res.status).toBe(201);
  expect(res.data.mime).toBe(type);
  const photo = await served(res.data.url);
  expect(photo.type).toBe(type);
  await expectNoMetadata(photo.bytes);
  return { stored: res.data as { width: number; height: number; size: number }, bytes: photo.bytes };
}

describe('stored photos', () => {
  it('should serve a JPEG without its EXIF (GPS position, camera), turned upright by its orientation', async () => {
    const original = await photoWithGps('jpeg');
    expect((await sharp(original).metadata()).exif?.includes(Buffer.from(GPS_DATUM))).toBe(true);
    const { stored, bytes } = await uploadStripped(original, 'image/jpeg', 'IMG_0001.jpg');
    expect(stored).toMatchObject({ width: 20, height: 40 });
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 20, height: 40 });
    expect(stored.size).toBe(bytes.length);
  });

  it('should serve a WebP without its EXIF chunk (GPS position)', async () => {
    const original = await photoWithGps('webp');
    expect(original.includes(Buffer.from('EXIF'))).toBe(true);
    const { bytes } = await uploadStripped(original, 'image/webp', 'photo.webp');
    expect(bytes.includes(Buffer.from('EXIF'))).toBe(false);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 20, height: 40 });
  });

  it('should store a PNG without its tEXt chunk when a chunk after it runs past the end of the file, or refuse it', async () => {
    // the picture can be read: stored without the text (and without what follows it)
    const readable = pngWithTextAndOverrun('after-pixels');
    expect(readable.includes(Buffer.from(SECRET_TEXT))).toBe(true);
    const { stored, bytes } = await uploadStripped(readable, 'image/png', 'screenshot.png');
    expect(stored).toMatchObject({ width: 16, height: 12 });
    expect(bytes.includes(Buffer.from('tEXt'))).toBe(false);
    expect(bytes.includes(Buffer.from('zzZz'))).toBe(false);
    // no pixels before the broken chunk: nothing to store
    const unreadable = await upload(pngWithTextAndOverrun('before-pixels'), 'image/png', 'text.png');
    expect(unreadable.status).toBe(415);
    expect(unreadable.data.error).toMatchObject({ code: 'unsupported_media_type', field: 'file' });
  });

  it('should refuse what is not an image, or looks like one but cannot be decoded, in Chinese', async () => {
    const html = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/jpeg',
      'a.jpg',
    );
    expect(html.status).toBe(415);
    expect(html.data.error).toMatchObject({
      code: 'unsupported_media_type',
      field: 'file',
      message: '只能上传 JPEG、PNG 或 WebP 格式的照片',
    });
    // a JPEG's first bytes and then nothing a decoder can read
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
    const res = await upload(broken, 'image/jpeg', 'broken.jpg');
    expect(res.status).toBe(415);
    expect(res.data.error).toMatchObject({ code: 'unsupported_media_type', field: 'file', message: '照片已损坏或无法识别，请换一张照片' });
    // a PNG cut off in the middle of its pixels
    const cut = await upload(
      (
        await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
          .png()
          .toBuffer()
      ).subarray(0, 60),
      'image/png',
      'cut.png',
    );
    expect(cut.status).toBe(415);
  });
});
