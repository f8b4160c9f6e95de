// Named type imports, not `sharp.Sharp`: the unit tests resolve sharp's ESM typings (node10
// resolution ignores `exports`), which have no `sharp` namespace.
import { Injectable } from '@nestjs/common';
import sharp, { type OutputInfo, type Sharp, type SharpOptions } from 'sharp';
import { ConcurrencyLimit } from '../common/concurrency/concurrency-limit';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { StorageErrors } from './storage.errors';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ReencodedImage {
  image: Buffer;
  thumbnail: Buffer;
  /** Of `image`, after rotation and down-scaling. */
  width: number;
  height: number;
  /** Both buffers are in the input's format. */
  mime: ImageMime;
}

export const IMAGE_LIMITS = {
  /** Decoding allocates width × height × channels bytes whatever the file size: the bomb guard. */
  maxInputPixels: 40_000_000,
  maxSide: 2560,
  thumbnailWidth: 400,
  /** Keeps a tall, narrow picture from becoming a "thumbnail" thousands of pixels high. */
  thumbnailMaxHeight: 800,
} as const;

type AcceptedFormat = 'jpeg' | 'png' | 'webp';

const MIME_BY_FORMAT: Record<AcceptedFormat, ImageMime> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const DECODE_OPTIONS: SharpOptions = {
  limitInputPixels: IMAGE_LIMITS.maxInputPixels,
  // 'error' refuses truncated and corrupt pixel data but tolerates the harmless warnings many
  // phone cameras trigger (extraneous bytes before a marker), which the default 'warning' refuses.
  failOn: 'error',
};

/**
 * Image re-encoding with a cap on how many images are decoded at once. Decoding takes memory by
 * pixels, not file size (a 40-megapixel photo that must be turned upright took about 90 MB), and
 * each decode holds a thread of libuv's pool of four, which file storage needs too. Uploads past
 * IMAGE_DECODE_CONCURRENCY wait in order, holding only their buffered body; past
 * IMAGE_DECODE_QUEUE_LIMIT waiting they get 503 `service_busy`, as the password hasher does.
 */
@Injectable()
export class ImageProcessor {
  private readonly limit: ConcurrencyLimit;

  constructor(config: AppConfig) {
    this.limit = new ConcurrencyLimit(
      config.storage.imageDecodeConcurrency,
      config.storage.imageDecodeQueueLimit,
    );
  }

  reencode(input: Buffer): Promise<ReencodedImage> {
    return this.limit.run(() => reencodeImage(input));
  }
}

/**
 * Decodes an uploaded image and encodes it afresh, so nothing but pixels survives: the picture is
 * turned upright by its EXIF orientation, then written without any metadata (sharp keeps none
 * unless asked: EXIF with GPS positions and camera serials, XMP, IPTC and ICC profiles are dropped
 * after conversion to sRGB). Animated WebP or PNG keep their first frame. The format is kept, so a
 * PNG diagram stays sharp-edged and transparent and a photo stays a JPEG.
 */
export async function reencodeImage(input: Buffer): Promise<ReencodedImage> {
  try {
    const format = await readAcceptedFormat(input);
    const image = await encode(
      sharp(input, { ...DECODE_OPTIONS, autoOrient: true }).resize({
        width: IMAGE_LIMITS.maxSide,
        height: IMAGE_LIMITS.maxSide,
        fit: 'inside',
        withoutEnlargement: true,
      }),
      format,
    );
    // From the re-encoded image rather than the original: at most 2560 px to decode, not 40 MP.
    const thumbnail = await encode(
      sharp(image.data, DECODE_OPTIONS).resize({
        width: IMAGE_LIMITS.thumbnailWidth,
        height: IMAGE_LIMITS.thumbnailMaxHeight,
        fit: 'inside',
        withoutEnlargement: true,
      }),
      format,
    );
    const { width, height } = image.info;
    return { image: image.data, thumbnail: thumbnail.data, width, height, mime: MIME_BY_FORMAT[format] };
  } catch (error) {
    // Whatever sharp cannot decode is the upload's fault, not ours: a 415, never a 500.
    throw error instanceof DomainError ? error : StorageErrors.unreadableImage();
  }
}

/**
 * Reads the header only. The pixel count is checked here, with the limit lifted, so that an
 * oversized image gets its own error instead of sharp's generic one; DECODE_OPTIONS still carries
 * the limit for the decode itself.
 */
async function readAcceptedFormat(input: Buffer): Promise<AcceptedFormat> {
  const { format, width, height } = await sharp(input, {
    ...DECODE_OPTIONS,
    limitInputPixels: false,
  }).metadata();
  if (width * height > IMAGE_LIMITS.maxInputPixels) {
    throw StorageErrors.imageTooLarge(IMAGE_LIMITS.maxInputPixels / 1_000_000);
  }
  // libvips also reads GIF, TIFF, SVG, HEIF and more; only what the sniffer accepts gets through.
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') {
    throw StorageErrors.unsupportedFileType();
  }
  return format;
}

function encode(pipeline: Sharp, format: AcceptedFormat): Promise<{ data: Buffer; info: OutputInfo }> {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
    case 'webp':
      return pipeline.webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
    case 'png':
      return pipeline.png().toBuffer({ resolveWithObject: true });
  }
}
