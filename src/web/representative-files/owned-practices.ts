import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { Locale } from '../../common/i18n/locale';
import { PracticeDto } from '../../practices/dto/practice.dto';
import { PracticeAccess } from '../../practices/practice-access';
import { PracticeErrors } from '../../practices/practices.errors';
import { PracticesService } from '../../practices/practices.service';

/**
 * The practices a representative works on under `/my`: those of the municipalities they represent.
 * Any other id is a 404 page, published or not, so the `/my` pages never tell one practice from a
 * missing one (WEB.md §5, journey 5).
 */
@Injectable()
export class OwnedPractices {
  constructor(
    private readonly practices: PracticesService,
    private readonly access: PracticeAccess,
  ) {}

  async require(user: AuthUser, id: string, locale: Locale): Promise<PracticeDto> {
    const practice = await this.practices.view(id, locale);
    if (!(await this.access.isOwner(user, { municipalityId: practice.municipality.id }))) {
      throw PracticeErrors.notFound();
    }
    return practice;
  }
}
