import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { createFileStorage, FileStorage } from './file-storage';

/** Global, so any feature that takes uploads injects FileStorage without importing this module. */
@Global()
@Module({
  providers: [{ provide: FileStorage, useFactory: createFileStorage, inject: [AppConfig] }],
  exports: [FileStorage],
})
export class StorageModule {}
