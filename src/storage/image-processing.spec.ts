import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { IMAGE_LIMITS, ImageProcessor, reencodeImage } from './image-processing';

/** A camera-like JPEG: landscape pixels, EXIF saying "rotate 90°", a camera make and a GPS position. */
async function photoWithGps(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#36c' } })
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'FixtureCam', Model: 'Serial 0042' },
        IFD3: { GPSMapDatum: 'WGS-84', GPSLatitudeRef: 'N', GPSLatitude: '42/1 52/1 0/1' },
      },
    })
    .toBuffer();
}

/** A tiny PNG whose header claims `width` × `height`: what a decompression bomb looks like. */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

async function expectNoMetadata(image: Buffer): Promise<void> {
  const { exif, icc, xmp, iptc, orientation } = await sharp(image).metadata();
  expect({ exif, icc, xmp, iptc, orientation }).toEqual({
    exif: undefined,
    icc: undefined,
    xmp: undefined,
    iptc: undefined,
    orientation: undefined,
  });
}

async function expectDomainError(promise: Promise<unknown>, status: number, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ status, code });
}

describe('reencodeImage', () => {
  it('turns a photo upright by its EXIF orientation and drops EXIF, GPS and ICC', async () => {
    const original = await photoWithGps(600, 300);
    const before = await sharp(original).metadata();
    expect(before.exif?.includes('WGS-84')).toBe(true);
    expect(before.exif?.includes('FixtureCam')).toBe(true);

    const result = await reencodeImage(original);

    expect(result).toMatchObject({ mime: 'image/jpeg', width: 300, height: 600 });
    for (const output of [result.image, result.thumbnail]) {
      expect((await sharp(output).metadata()).format).toBe('jpeg');
      await expectNoMetadata(output);
      expect(output.includes('WGS-84')).toBe(false);
      expect(output.includes('FixtureCam')).toBe(false);
    }
  });

  it('converts a wide-gamut (Display P3) photo to sRGB and drops the profile', async () => {
    const p3 = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#e33' } })
      .jpeg()
      .withIccProfile('p3')
      .toBuffer();
    expect((await sharp(p3).metadata()).icc).toBeDefined();

    await expectNoMetadata((await reencodeImage(p3)).image);
  });

  it('caps the longest side at 2560 px and makes a 400 px wide thumbnail', async () => {
    const result = await reencodeImage(await photoWithGps(4000, 3000));

    expect(result).toMatchObject({ width: 1920, height: 2560 });
    const thumbnail = await sharp(result.thumbnail).metadata();
    expect(thumbnail).toMatchObject({ width: IMAGE_LIMITS.thumbnailWidth, height: 533 });
  });

  it('never enlarges a small image', async () => {
    const small = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();

    const result = await reencodeImage(small);

    expect(result).toMatchObject({ width: 120, height: 80 });
    expect(await sharp(result.thumbnail).metadata()).toMatchObject({ width: 120, height: 80 });
  });

  it('keeps a PNG a PNG, with its transparency, and drops its metadata', async () => {
    const png = await sharp({ create: { width: 64, height: 32, channels: 4, background: '#f008' } })
      .png()
      .withExif({ IFD0: { Make: 'FixtureCam' } })
      .toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();

    const result = await reencodeImage(png);

    expect(result.mime).toBe('image/png');
    expect(await sharp(result.image).metadata()).toMatchObject({ format: 'png', hasAlpha: true });
    await expectNoMetadata(result.image);
    await expectNoMetadata(result.thumbnail);
  });

  it('keeps a WebP a WebP and drops its metadata', async () => {
    const webp = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#0a0' } })
      .webp()
      .withExif({ IFD0: { Make: 'FixtureCam' } })
      .toBuffer();
    expect((await sharp(webp).metadata()).exif).toBeDefined();

    const result = await reencodeImage(webp);

    expect(result.mime).toBe('image/webp');
    expect((await sharp(result.image).metadata()).format).toBe('webp');
    await expectNoMetadata(result.image);
    await expectNoMetadata(result.thumbnail);
  });

  it('refuses a PNG whose header declares 20000 × 20000 pixels without decoding it', async () => {
    const bomb = await pngDeclaring(20000, 20000);
    expect(bomb.length).toBeLessThan(200);

    await expectDomainError(reencodeImage(bomb), 413, 'image_too_large');
  });

  it('refuses a real image over the pixel limit', async () => {
    // 6400 × 6400 = 41 MP: one solid colour, so the PNG itself is small.
    const huge = await sharp({ create: { width: 6400, height: 6400, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(huge.length).toBeLessThan(1024 * 1024);

    await expectDomainError(reencodeImage(huge), 413, 'image_too_large');
  });

  it('answers 415 for a truncated JPEG', async () => {
    const jpeg = await photoWithGps(300, 200);

    await expectDomainError(reencodeImage(jpeg.subarray(0, jpeg.length / 2)), 415, 'unreadable_image');
  });

  it('answers 415 for bytes that are no image at all', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

    await expectDomainError(reencodeImage(exe), 415, 'unreadable_image');
    await expectDomainError(reencodeImage(Buffer.alloc(0)), 415, 'unreadable_image');
  });

  it('refuses formats libvips reads but the portal does not accept', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');

    await expectDomainError(reencodeImage(gif), 415, 'unsupported_file_type');
    await expectDomainError(reencodeImage(svg), 415, 'unsupported_file_type');
  });
});

describe('ImageProcessor', () => {
  function processor(imageDecodeConcurrency: number, imageDecodeQueueLimit: number): ImageProcessor {
    return new ImageProcessor({ storage: { imageDecodeConcurrency, imageDecodeQueueLimit } } as AppConfig);
  }

  it('decodes one image while one waits, and refuses a third with 503 service_busy', async () => {
    const images = processor(1, 1);
    const photo = await photoWithGps(2000, 1500);
    const decoding = images.reencode(photo);
    const waiting = images.reencode(photo);
    await expectDomainError(images.reencode(photo), 503, 'service_busy');
    const results = await Promise.all([decoding, waiting]);
    expect(results.map((result) => result.width)).toEqual([1500, 1500]);
    expect((await images.reencode(photo)).width).toBe(1500);
  });

  it('lets a burst within concurrency plus queue through, each decoded in turn', async () => {
    const images = processor(2, 4);
    const photo = await photoWithGps(600, 300);
    const results = await Promise.all(Array.from({ length: 6 }, () => images.reencode(photo)));
    expect(results.every((result) => result.height === 600)).toBe(true);
  });

  it('frees its slot when an image cannot be read', async () => {
    const images = processor(1, 0);
    await expectDomainError(images.reencode(Buffer.from('not an image')), 415, 'unreadable_image');
    expect((await images.reencode(await photoWithGps(60, 30))).height).toBe(60);
  });
});
