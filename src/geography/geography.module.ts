import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogCacheModule } from '../common/catalog-cache/catalog-cache.module';
import { District } from './entities/district.entity';
import { Municipality } from './entities/municipality.entity';
import { Region } from './entities/region.entity';
import { GeographyController } from './geography.controller';
import { GeographyRepository } from './geography.repository';
import { GeographyService } from './geography.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region, District, Municipality]), CatalogCacheModule],
  controllers: [GeographyController],
  providers: [GeographyRepository, GeographyService],
  exports: [GeographyRepository, GeographyService],
})
export class GeographyModule {}
