// Multipart uploads: POST /im/v1/images → image_key and POST /im/v1/files → file_key, kept for later sends.
import type { Hono } from 'hono';
import { newId, ok, validationFailure, type DoubleEnv } from './http';
import { limitApi } from './limit-guard';
import type { DoubleState } from './state';

const IMAGE_TYPES = new Set(['message', 'avatar']);
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

type Parts = Record<string, string | File>;

/** Size of an uploaded part. The SDK sends a Buffer without a filename, which arrives as a text field. */
export function partSize(part: string | File | undefined): number {
  if (part === undefined) return 0;
  return typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.size;
}

export function registerUploadRoutes(app: Hono<DoubleEnv>, state: DoubleState): void {
  app.post('/open-apis/im/v1/images', limitApi(state, 'im.image.create'), (c) => {
    const parts = (c.get('body') ?? {}) as Parts;
    const imageType = parts.image_type;
    if (typeof imageType !== 'string' || !IMAGE_TYPES.has(imageType)) {
      return validationFailure(c, 'image_type', 'image_type must be message or avatar');
    }
    // "不支持上传大小为 0 的图片"; the 10 MB ceiling is not modelled.
    const size = partSize(parts.image);
    if (size === 0) return validationFailure(c, 'image', 'image is required and must not be empty');
    const imageKey = newId('img_v3_', 12);
    state.images.set(imageKey, { size });
    // Platform fact: SDK image.create/file.create return `res.data` (here {image_key}), not the envelope.
    return ok(c, { image_key: imageKey });
  });

  app.post('/open-apis/im/v1/files', limitApi(state, 'im.file.create'), (c) => {
    const parts = (c.get('body') ?? {}) as Parts;
    const fileType = parts.file_type;
    if (typeof fileType !== 'string' || !FILE_TYPES.has(fileType)) {
      return validationFailure(c, 'file_type', `file_type must be one of ${[...FILE_TYPES].join('/')}`);
    }
    const fileName = parts.file_name;
    if (typeof fileName !== 'string' || fileName === '') return validationFailure(c, 'file_name', 'file_name is required');
    const size = partSize(parts.file);
    if (size === 0) return validationFailure(c, 'file', 'file is required and must not be empty');
    const fileKey = newId('file_v3_', 12);
    state.files.set(fileKey, { file_type: fileType, file_name: fileName, size });
    return ok(c, { file_key: fileKey });
  });
}
