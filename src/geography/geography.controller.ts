import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public } from '../common/auth/decorators';
import { Role } from '../common/auth/role';
import { ApiProblems } from '../common/http/api-problems';
import { IdPipe } from '../common/http/id-param';
import { Locale } from '../common/i18n/locale';
import { RequestLocale } from '../common/i18n/request-locale.decorator';
import {
  AdminMunicipalityDto,
  CreateMunicipalityDto,
  DistrictDto,
  MunicipalityDto,
  MunicipalityQueryDto,
  RegionDto,
  UpdateMunicipalityDto,
} from './dto/geography.dto';
import { GeographyService } from './geography.service';

@ApiTags('geography')
@Controller()
export class GeographyController {
  constructor(private readonly geography: GeographyService) {}

  @Public()
  @Get('regions')
  @ApiOperation({ summary: 'Regions (oblasts and cities of republican significance)' })
  @ApiOkResponse({ type: [RegionDto] })
  regions(@RequestLocale() locale: Locale): Promise<RegionDto[]> {
    return this.geography.regions(locale);
  }

  @Public()
  @Get('regions/:id/districts')
  @ApiOperation({ summary: 'Districts of a region' })
  @ApiOkResponse({ type: [DistrictDto] })
  @ApiProblems(404)
  districts(@Param('id', IdPipe) id: string, @RequestLocale() locale: Locale): Promise<DistrictDto[]> {
    return this.geography.districts(id, locale);
  }

  @Public()
  @Get('municipalities')
  @ApiOperation({ summary: 'Municipalities, by region, district or part of a name' })
  @ApiOkResponse({ type: [MunicipalityDto] })
  @ApiProblems(400)
  municipalities(
    @Query() query: MunicipalityQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<MunicipalityDto[]> {
    return this.geography.municipalities(query, locale);
  }

  @Public()
  @Get('municipalities/:id')
  @ApiOperation({ summary: 'One municipality' })
  @ApiOkResponse({ type: MunicipalityDto })
  @ApiProblems(404)
  municipality(@Param('id', IdPipe) id: string, @RequestLocale() locale: Locale): Promise<MunicipalityDto> {
    return this.geography.municipality(id, locale);
  }

  @Authenticated({ roles: [Role.Admin] })
  @Post('admin/municipalities')
  @ApiOperation({ summary: 'Add a municipality' })
  @ApiCreatedResponse({ type: AdminMunicipalityDto })
  @ApiProblems(400, 404, 409)
  create(@Body() dto: CreateMunicipalityDto, @RequestLocale() locale: Locale): Promise<AdminMunicipalityDto> {
    return this.geography.createMunicipality(dto, locale);
  }

  @Authenticated({ roles: [Role.Admin] })
  @Patch('admin/municipalities/:id')
  @ApiOperation({ summary: 'Rename a municipality or change its kind' })
  @ApiOkResponse({ type: AdminMunicipalityDto })
  @ApiProblems(400, 404)
  update(
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateMunicipalityDto,
    @RequestLocale() locale: Locale,
  ): Promise<AdminMunicipalityDto> {
    return this.geography.updateMunicipality(id, dto, locale);
  }
}
