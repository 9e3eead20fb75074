import 'reflect-metadata';

export * from './auth';
export * from './config';
export * from './context';
export * from './database';
export * from './errors';
export * from './federation';
export * from './loaders';
export * from './logger';
export * from './pagination';
export * from './server';
export * from './shutdown';
export * from './ids';
export * from './entity';
export * from './status';
export * from './time';
export * from './references';
