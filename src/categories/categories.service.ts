import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Locale } from '../common/i18n/locale';
import { resolveName } from '../common/i18n/localized-name';
import { CategoryDto } from './dto/category.dto';
import { Category } from './entities/category.entity';

@Injectable()
export class CategoriesService {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  async list(locale: Locale): Promise<CategoryDto[]> {
    const rows = await this.categories.find({ order: { position: 'ASC' } });
    return rows.map((c) => ({ id: c.id, code: c.code, name: resolveName(c, locale) }));
  }
}
