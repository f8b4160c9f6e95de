import sharp from 'sharp';
import { BrowserContext, Page } from 'playwright-core';

/** A phone photo as it leaves the camera: JPEG with a GPS position in its EXIF (WEB.md §5, journey 2). */
export async function photoWithGps(): Promise<Buffer> {
  const photo = await sharp({
    create: {
      width: 1200,
      height: 900,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 120, sigma: 60 },
    },
  })
    .blur(4)
    .withExif({ IFD0: { ImageDescription: 'GPS 42.8746N 74.5698E', Make: 'PhoneCam' } })
    .jpeg({ quality: 80 })
    .toBuffer();
  expect((await sharp(photo).metadata()).exif).toBeDefined();
  return photo;
}

/** Every photo in `selector` has loaded (its thumbnail was served and decoded); how many there are. */
export async function thumbnailsShown(page: Page, selector = '#photos img'): Promise<number> {
  const images = page.locator(selector);
  const count = await images.count();
  for (let i = 0; i < count; i += 1) {
    await images.nth(i).scrollIntoViewIfNeeded();
    await eventually(() =>
      images
        .nth(i)
        .evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0),
    );
  }
  return count;
}

/** The photo behind the link is served as a JPEG with its EXIF (the GPS position) stripped. */
export async function servedWithoutExif(context: BrowserContext, href: string | null): Promise<void> {
  expect(href).toBeTruthy();
  const served = await context.request.get(href!);
  expect(served.status()).toBe(200);
  const metadata = await sharp(await served.body()).metadata();
  expect(metadata.format).toBe('jpeg');
  expect(metadata.exif).toBeUndefined();
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
