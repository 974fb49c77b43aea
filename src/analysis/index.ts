export * from './compare';
export * from './rows';
