export * from './outbox.entity';
export * from './journal';
export * from './outbox';
export * from './transport';
