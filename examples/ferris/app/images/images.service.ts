/** The seed's photos: `ferris.photos` and, for mobile clients, `mobile_only.photos`. */
import { Service, autoMethod, autoService, t } from '../../../../src/index.ts';

const PhotoList = t.complex('PhotoList', { items: t.array(t.string()) });

// Exposed as ferris.photos
@autoService({ name: 'photos' })
export class ImagesService extends Service {
  @autoMethod({ returns: PhotoList, httpMethod: 'GET' })
  list() {
    return { items: ['ferris-wheel.jpg', 'sunset.png'] };
  }
}

// Exposed as mobile_only.photos
@autoService({ name: 'photos', endpoint: 'mobile_only' })
export class ImagesApi extends ImagesService {}
