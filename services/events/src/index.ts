export { eventsService } from './service';
