export { newsletterService } from './service';
