import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_UPLOAD_BYTES } from '@minqing/shared';
import { storableImage } from '../domain/images.js';
import { photosHiddenFromCitizen } from '../domain/present.js';
import { canSee } from '../domain/scope.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { UPLOAD_BODY_LIMIT } from '../http/body-limit.js';
import { ApiError, notFound } from '../errors.js';

export function uploadRoutes() {
  return new Hono<AppEnv>()
    .post(
      '/',
      bodyLimit({
        maxSize: UPLOAD_BODY_LIMIT.bytes,
        onError: () => {
          throw new ApiError('payload_too_large', UPLOAD_BODY_LIMIT.message, UPLOAD_BODY_LIMIT.field);
        },
      }),
      async (c) => {
        const user = currentUser(c);
        const deps = c.get('deps');
        if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
          throw new ApiError('unsupported_media_type', '请以 multipart/form-data 上传图片', 'file');
        }
        const form = await c.req.parseBody().catch(() => {
          throw new ApiError('invalid_input', '上传的内容格式不正确', 'file');
        });
        const file = form.file;
        if (!(file instanceof File)) throw new ApiError('invalid_input', '请选择要上传的照片', 'file');
        if (file.size > MAX_UPLOAD_BYTES) throw new ApiError('payload_too_large', '照片过大，请压缩后再传', 'file');
        const image = await storableImage(Buffer.from(await file.arrayBuffer()));
        const id = randomUUID().replaceAll('-', '');
        deps.uploads.insert({
          id,
          owner_user_id: user.id,
          mime: image.mime,
          size: image.bytes.length,
          width: image.width,
          height: image.height,
          // only the base name, and only printable characters, is kept of what the client called it
          original_name:
            file.name
              .split(/[\\/]/)
              .pop()
              ?.replace(/[^\p{L}\p{N}._ -]/gu, '')
              .slice(0, 100) || null,
          bytes: image.bytes,
          created_at: deps.clock.now().toISOString(),
        });
        return c.json(
          { id, url: deps.signer.url(id), mime: image.mime, size: image.bytes.length, width: image.width, height: image.height },
          201,
        );
      },
    )
    .get('/:id', (c) => {
      const deps = c.get('deps');
      const id = c.req.param('id');
      const row = deps.uploads.get(id);
      // Either a signed link handed out with a case this user may see, or a signed-in reader of it.
      const signed = deps.signer.verify(id, c.req.query('exp'), c.req.query('sig'));
      const user = signed ? null : currentUser(c);
      const caseRow = row?.case_id ? deps.cases.get(row.case_id) : undefined;
      const allowed = row && (signed || (user && (row.owner_user_id === user.id || (caseRow && canSee(user, caseRow, deps.reference)))));
      // a reply's photos reach the citizen with the reply: not while it is under review (答复审核), nor when sent back
      const withheld =
        row &&
        !signed &&
        user?.role === 'citizen' &&
        caseRow &&
        row.owner_user_id !== user.id &&
        photosHiddenFromCitizen(caseRow, deps.events.forCase(caseRow.id)).has(row.id);
      if (!row || !allowed || withheld) throw notFound('照片不存在');
      return c.body(new Uint8Array(row.bytes), 200, {
        'Content-Type': row.mime,
        'Content-Disposition': `inline; filename="${row.id}.${row.mime.split('/')[1]}"`,
        'Cache-Control': 'private, max-age=86400',
      });
    });
}
