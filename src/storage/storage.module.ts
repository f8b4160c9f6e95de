import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { createFileStorage, FileStorage } from './file-storage';
import { ImageProcessor } from './image-processing';

/** Global, so any feature that takes uploads injects FileStorage and ImageProcessor without importing this module. */
@Global()
@Module({
  providers: [{ provide: FileStorage, useFactory: createFileStorage, inject: [AppConfig] }, ImageProcessor],
  exports: [FileStorage, ImageProcessor],
})
export class StorageModule {}
