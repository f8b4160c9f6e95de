import { Injectable } from '@nestjs/common';
import { Locale } from '../../common/i18n/locale';
import { MunicipalityQueryDto } from '../../geography/dto/geography.dto';
import { GeographyService } from '../../geography/geography.service';

export interface Option {
  value: string;
  text: string;
  selected?: boolean;
}

/** Without JavaScript the choice goes step by step: a region first, then one of its municipalities. */
export interface PickerModel {
  regionId?: string;
  regionName?: string;
  regions: Option[];
  municipalities: Option[];
}

@Injectable()
export class MunicipalityPicker {
  constructor(private readonly geography: GeographyService) {}

  async model(locale: Locale, regionId: unknown, municipalityId?: string): Promise<PickerModel> {
    const regions = await this.geography.regions(locale);
    const region = regions.find((candidate) => candidate.id === regionId);
    const municipalities = region
      ? await this.geography.municipalities(
          Object.assign(new MunicipalityQueryDto(), { regionId: region.id, limit: 500 }),
          locale,
        )
      : [];
    return {
      regionId: region?.id,
      regionName: region?.name,
      regions: regions.map((option) => ({
        value: option.id,
        text: option.name,
        selected: option.id === region?.id,
      })),
      municipalities: municipalities.map((option) => ({
        value: option.id,
        text: option.name,
        selected: option.id === municipalityId,
      })),
    };
  }
}
