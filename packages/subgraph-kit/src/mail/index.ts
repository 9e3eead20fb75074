export * from './outbox.entity';
export * from './outbox';
export * from './transport';
