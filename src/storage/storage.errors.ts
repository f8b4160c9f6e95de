import { DomainError } from '../common/errors/domain-error';

export const StorageErrors = {
  unsupportedFileType: () =>
    new DomainError(415, 'unsupported_file_type', {
      en: 'This file type is not accepted; upload a JPEG, PNG or WebP image, or a PDF or DOCX document',
      ru: 'Этот тип файла не принимается; загрузите изображение JPEG, PNG или WebP либо документ PDF или DOCX',
      ky: 'Бул файлдын түрү кабыл алынбайт; JPEG, PNG же WebP сүрөтүн, же PDF же DOCX документин жүктөңүз',
    }),
  macroDocument: () =>
    new DomainError(415, 'macro_document', {
      en: 'Documents with macros are not accepted; save the file as a .docx document without macros',
      ru: 'Документы с макросами не принимаются; сохраните файл как документ .docx без макросов',
      ky: 'Макростору бар документтер кабыл алынбайт; файлды макроссуз .docx документи катары сактаңыз',
    }),
  embeddedObjectDocument: () =>
    new DomainError(415, 'embedded_object_document', {
      en: 'Documents with embedded objects (OLE) are not accepted; paste their content as text or pictures, or upload them as separate files',
      ru: 'Документы со встроенными объектами (OLE) не принимаются; вставьте их содержимое как текст или рисунки либо загрузите отдельными файлами',
      ky: 'Камтылган объекттери (OLE) бар документтер кабыл алынбайт; алардын мазмунун текст же сүрөт катары коюңуз, же өзүнчө файл катары жүктөңүз',
    }),
  externalContentDocument: () =>
    new DomainError(415, 'external_content_document', {
      en: 'Documents that load content from elsewhere when opened (a remote template, linked pictures or objects) are not accepted; save a copy with everything embedded',
      ru: 'Документы, которые при открытии загружают содержимое извне (удалённый шаблон, связанные рисунки или объекты), не принимаются; сохраните копию со всем содержимым внутри',
      ky: 'Ачылганда сырттан мазмун жүктөгөн документтер (алыскы шаблон, байланышкан сүрөттөр же объекттер) кабыл алынбайт; бардык мазмуну ичинде болгон көчүрмөсүн сактаңыз',
    }),
  unreadableImage: () =>
    new DomainError(415, 'unreadable_image', {
      en: 'The image could not be read; the file may be damaged',
      ru: 'Не удалось прочитать изображение; возможно, файл повреждён',
      ky: 'Сүрөттү окуу мүмкүн болгон жок; файл бузулган болушу мүмкүн',
    }),
  imageTooLarge: (maxMegapixels: number) =>
    new DomainError(413, 'image_too_large', {
      en: `The image has too many pixels; reduce it to at most ${maxMegapixels} megapixels`,
      ru: `В изображении слишком много пикселей; уменьшите его не более чем до ${maxMegapixels} мегапикселей`,
      ky: `Сүрөттө пикселдер өтө көп; аны ${maxMegapixels} мегапикселден ашпагандай кичирейтиңиз`,
    }),
};
