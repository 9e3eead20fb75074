export { resourcesService } from './service';
