import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GeographyModule } from '../geography/geography.module';
import { RepresentativesModule } from '../representatives/representatives.module';
import { UsersModule } from '../users/users.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { CatalogCacheModule } from '../common/catalog-cache/catalog-cache.module';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { PracticeAttachment } from './entities/practice-attachment.entity';
import { PracticeRevision } from './entities/practice-revision.entity';
import { PracticeTransition } from './entities/practice-transition.entity';
import { Practice } from './entities/practice.entity';
import { PracticeAccess } from './practice-access';
import { PracticesController } from './practices.controller';
import { PracticesRepository } from './practices.repository';
import { PracticesService } from './practices.service';
import { ViewCounter } from './view-counter';

@Module({
  imports: [
    TypeOrmModule.forFeature([Practice, PracticeRevision, PracticeTransition, PracticeAttachment]),
    GeographyModule,
    CatalogCacheModule,
    RepresentativesModule,
    UsersModule,
  ],
  controllers: [PracticesController, AttachmentsController],
  providers: [
    PracticesRepository,
    PracticeAccess,
    PracticesService,
    AttachmentsService,
    CatalogRepository,
    CatalogService,
    ViewCounter,
  ],
  exports: [
    PracticesRepository,
    PracticeAccess,
    PracticesService,
    CatalogCacheModule,
    CatalogService,
    AttachmentsService,
  ],
})
export class PracticesModule {}
